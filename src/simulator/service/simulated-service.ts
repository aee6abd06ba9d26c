import { SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED } from '../../driver/return-codes';
import type { UsbDevice } from '../../driver/usb-devices';
import type { SimulatedCard } from '../simulated-card';
import type { SimulatorPersonality } from '../personality/simulator-personality';
import { powerUpNewCard } from './card-power';
import { ChangeSignal } from './change-signal';
import type { PhysicalReader } from './physical-reader';
import { isGemaltoPinpad } from './pinpad-reader';
import { ReaderContext } from './reader-context';
import { listedReaderName } from './reader-naming';
import { signalCardEvent } from './server-handle';

const EVENT_COUNTER_MODULO = 0x10000;
const FIRST_CONTEXT_ID = 0x01000000;
const FIRST_HANDLE_ID = 0x02000000;

export interface ServiceSettings {
  readonly personality: SimulatorPersonality;
  readonly idlePowerOffMs: number | false;
}

/** The simulated resource manager (pcscd): running readers, cards, and the life of the service. */
export class SimulatedService {
  readonly changes = new ChangeSignal();
  /** Grows at every stop: contexts made under an older epoch talk to a service that is gone. */
  private currentEpoch = 0;
  private isRunning = true;
  private readonly crashedEpochs = new Set<number>();
  /** Epochs ended because the last reader went away (Windows stops its service then). */
  private readonly readerlessStops = new Set<number>();
  private readonly devices: PhysicalReader[] = [];
  private readonly running: ReaderContext[] = [];
  /** The broken CCID driver state left by a failed pinpad start, until the service restarts. */
  private pinpadFailed = false;
  private nextContextId = FIRST_CONTEXT_ID;
  private nextHandleId = FIRST_HANDLE_ID;

  constructor(readonly settings: ServiceSettings) {}

  get personality(): SimulatorPersonality {
    return this.settings.personality;
  }
  get epoch(): number {
    return this.currentEpoch;
  }
  get isUp(): boolean {
    return this.isRunning;
  }

  isAlive(epoch: number): boolean {
    return this.isRunning && epoch === this.currentEpoch;
  }

  /** What a call through a context of a dead epoch answers. */
  deadContextCode(epoch: number): number {
    return this.readerlessStops.has(epoch) ? SCARD_E_SERVICE_STOPPED : SCARD_E_NO_SERVICE;
  }

  /** Whether the service of that epoch stopped because its last reader was removed. */
  stoppedForLackOfReaders(epoch: number): boolean {
    return this.readerlessStops.has(epoch);
  }

  /** Whether the service of that epoch died without first dropping its readers. */
  crashedIn(epoch: number): boolean {
    return this.crashedEpochs.has(epoch);
  }

  allocateContextId(): number {
    return this.nextContextId++;
  }
  allocateHandleId(): number {
    return this.nextHandleId++;
  }

  /** Running readers in the order PC/SC lists them. */
  listedReaders(): readonly ReaderContext[] {
    return this.running;
  }

  /** Every reader plugged in, started or not, as the USB bus shows it. */
  pluggedDevices(): UsbDevice[] {
    return this.devices.map((device) => ({
      name: device.givenName,
      vendorId: device.options.usb?.vendorId,
      productId: device.options.usb?.productId,
    }));
  }

  findReader(name: string): ReaderContext | undefined {
    return this.running.find((reader) => reader.name === name);
  }

  attach(device: PhysicalReader): void {
    this.devices.push(device);
    if (this.isRunning) this.startReader(device);
  }

  detach(device: PhysicalReader): void {
    const index = this.devices.indexOf(device);
    if (index >= 0) this.devices.splice(index, 1);
    device.attached = false;
    this.stopReader(device);
    if (this.personality.bugs.serviceStopsWithLastReader === true && this.isRunning && this.running.length === 0) {
      // the service stops; the next SCardEstablishContext starts it again
      this.readerlessStops.add(this.currentEpoch);
      this.currentEpoch += 1;
      this.changes.notify();
    }
  }

  insertCard(device: PhysicalReader, card: SimulatedCard): void {
    device.card = card;
    const reader = device.context;
    if (reader === undefined) return;
    powerUpNewCard(reader, Date.now());
    this.countCardEvent(reader);
  }

  removeCard(device: PhysicalReader): void {
    device.card = undefined;
    const reader = device.context;
    if (reader === undefined) return;
    signalCardEvent(reader, 'removed');
    reader.clearCardState();
    this.countCardEvent(reader);
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    for (const device of this.devices) this.startReader(device);
    this.changes.notify();
  }

  /** `crashed`: the daemon died at once instead of shutting its readers down first. */
  stop(crashed: boolean): void {
    if (!this.isRunning) return;
    if (crashed) this.crashedEpochs.add(this.currentEpoch);
    for (const device of this.devices) this.stopReader(device);
    this.isRunning = false;
    this.currentEpoch += 1;
    this.pinpadFailed = false;
    this.changes.notify();
  }

  notifyChange(): void {
    this.changes.notify();
  }

  private startReader(device: PhysicalReader): void {
    if (this.personality.bugs.pinpadBreaksLaterReaders) {
      if (this.pinpadFailed) return;
      if (isGemaltoPinpad(device.givenName, device.options.usb)) {
        this.pinpadFailed = true;
        return;
      }
    }
    const index = this.firstFreeIndex();
    const name = listedReaderName(device.givenName, index, this.personality.numberedReaderNames);
    const reader = new ReaderContext(device, name, index);
    device.context = reader;
    device.lastListedName = name;
    if (device.card !== undefined) powerUpNewCard(reader, Date.now());
    this.running.push(reader);
    this.running.sort((a, b) => a.index - b.index);
    this.changes.notify();
  }

  private stopReader(device: PhysicalReader): void {
    const reader = device.context;
    if (reader === undefined) return;
    device.context = undefined;
    reader.attached = false;
    reader.powered = false;
    const position = this.running.indexOf(reader);
    if (position >= 0) this.running.splice(position, 1);
    this.changes.notify();
  }

  private firstFreeIndex(): number {
    const used = new Set(this.running.map((reader) => reader.index));
    let index = 0;
    while (used.has(index)) index += 1;
    return index;
  }

  private countCardEvent(reader: ReaderContext): void {
    reader.eventCounter = (reader.eventCounter + 1) % EVENT_COUNTER_MODULO;
    this.changes.notify();
  }
}
