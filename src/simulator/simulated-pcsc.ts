import type { PcscDriver } from '../driver/pcsc-driver';
import { SimulatedDriver } from './client/simulated-driver';
import { resolvePersonality, type PersonalityName } from './personality/personality-registry';
import type { SimulatorPersonality } from './personality/simulator-personality';
import { PhysicalReader, type SimulatedReaderOptions } from './service/physical-reader';
import { SimulatedService } from './service/simulated-service';
import { ReaderSlot, type SimulatedReaderSlot } from './simulated-reader-slot';

/** pcsc-lite powers down a card nobody uses after this grace period (PCSCLITE_POWER_OFF_GRACE_PERIOD). */
const PCSC_LITE_IDLE_POWER_OFF_MS = 5000;

/** How a SimulatedPcsc behaves: which platform, and when idle cards are powered down. */
export interface SimulatedPcscOptions {
  /** Which platform's PC/SC to behave like (default 'linux', i.e. pcsc-lite 1.9). */
  readonly personality?: PersonalityName | SimulatorPersonality;
  /**
   * How long a card may stay powered without any connection before the service powers it down,
   * so the next connection resets it. Default 5000 ms as pcsc-lite; false keeps cards powered.
   */
  readonly idlePowerOffMs?: number | false;
}

/** How an application (`driver()`) of the simulated service starts. */
export interface SimulatedDriverOptions {
  /** The application was forked from the process that loaded the PC/SC library. */
  readonly forkedChild?: boolean;
}

/** How `stopService` stops the simulated daemon. */
export interface StopServiceOptions {
  /** The daemon dies at once (SIGKILL) instead of shutting its readers down first (SIGTERM). */
  readonly crash?: boolean;
}

/**
 * An in-memory PC/SC service: readers, cards and any number of applications (`driver()`), with
 * the behaviour of pcsc-lite or of a macOS release, bugs included.
 */
export class SimulatedPcsc {
  /** The platform this service behaves like. */
  readonly personality: SimulatorPersonality;
  private readonly service: SimulatedService;
  private readonly slots: Array<{ readonly device: PhysicalReader; readonly slot: SimulatedReaderSlot }> = [];
  private nextApplicationId = 1;

  constructor(options: SimulatedPcscOptions = {}) {
    this.personality = resolvePersonality(options.personality ?? 'linux');
    this.service = new SimulatedService({
      personality: this.personality,
      idlePowerOffMs: options.idlePowerOffMs ?? PCSC_LITE_IDLE_POWER_OFF_MS,
    });
  }

  /** Whether the service runs (contexts can be established). */
  get running(): boolean {
    return this.service.isUp;
  }

  /** Readers plugged in, in the order they were plugged. */
  get readers(): readonly SimulatedReaderSlot[] {
    return this.slots.map((entry) => entry.slot);
  }

  /** Plugs a reader in. On Linux it is listed as `${name} 00 00` (the index grows with each reader). */
  addReader(name: string, options: SimulatedReaderOptions = {}): SimulatedReaderSlot {
    if (!this.personality.numberedReaderNames && this.slots.some((entry) => entry.device.givenName === name)) {
      throw new Error(`A reader named "${name}" is already plugged in`);
    }
    const device = new PhysicalReader(name, options);
    const slot = new ReaderSlot(this.service, device);
    this.slots.push({ device, slot });
    this.service.attach(device);
    return slot;
  }

  /** Unplugs a reader, found by its listed name or by the name given to addReader. */
  removeReader(name: string): void {
    const byListedName = this.slots.findIndex((entry) => entry.device.lastListedName === name);
    const index = byListedName >= 0 ? byListedName : this.slots.map((entry) => entry.device.givenName).lastIndexOf(name);
    const entry = this.slots[index];
    if (entry === undefined) throw new Error(`No reader named "${name}" is plugged in`);
    this.slots.splice(index, 1);
    this.service.detach(entry.device);
  }

  /** Stops the daemon: every context and handle dies, as after pcscd exits. */
  stopService(options: StopServiceOptions = {}): void {
    this.service.stop(options.crash ?? false);
  }

  /** Starts the daemon again; applications must establish new contexts. */
  startService(): void {
    this.service.start();
  }

  /**
   * The child process of `application` after fork() without exec: it inherits the parent's
   * contexts and handles. On macOS using them crashes the child (SimulatedProcessCrash).
   */
  fork(application: PcscDriver): PcscDriver {
    if (!(application instanceof SimulatedDriver)) throw new Error('fork() takes a driver made by this SimulatedPcsc');
    return application.forkChild(this.nextApplicationId++);
  }

  /** A new application using this service, with its own contexts and handles. */
  driver(options: SimulatedDriverOptions = {}): PcscDriver {
    return new SimulatedDriver(this.service, {
      id: this.nextApplicationId++,
      forkedChild: options.forkedChild ?? false,
    });
  }
}
