import { SCARD_PROTOCOL_UNDEFINED } from '../driver/scard-constants';
import type { SimulatedCard } from './simulated-card';
import type { PhysicalReader } from './service/physical-reader';
import { powerDownIdleCard } from './service/card-power';
import type { SimulatedService } from './service/simulated-service';

/** A reader plugged into the simulated machine: put a card in, take it out. */
export interface SimulatedReaderSlot {
  /** The name PC/SC lists (pcsc-lite adds ' 00 00'); the name given to addReader until it was ever listed. */
  readonly name: string;
  /** The name given to addReader. */
  readonly givenName: string;
  /** The card in the slot, or undefined when it is empty. */
  readonly card: SimulatedCard | undefined;
  /** Whether PC/SC currently shows this reader (not when unplugged, service stopped, or driver broken). */
  readonly available: boolean;
  /**
   * The protocol the service has negotiated with the card (SCARD_PROTOCOL_T0, _T1 or _RAW), kept
   * until the card is reset or powered down; SCARD_PROTOCOL_UNDEFINED (0) when there is none. A
   * 'direct' connection reports it as its protocol.
   */
  readonly negotiatedProtocol: number;
  /** Puts a card in (the service powers it up); throws if the slot already holds one. */
  insert(card: SimulatedCard): void;
  /** Takes the card out; does nothing on an empty slot. */
  remove(): void;
  /**
   * Runs the service's idle power-down now instead of when the card has been unused long enough:
   * a card powered but not in use (just inserted, or its last connection ended) is powered down,
   * as pcscd's reader thread does within a second. True when it powered a card down.
   */
  powerDownIfIdle(): boolean;
}

export class ReaderSlot implements SimulatedReaderSlot {
  constructor(
    private readonly service: SimulatedService,
    private readonly device: PhysicalReader,
  ) {}

  get name(): string {
    return this.device.lastListedName ?? this.device.givenName;
  }

  get givenName(): string {
    return this.device.givenName;
  }

  get card(): SimulatedCard | undefined {
    return this.device.card;
  }

  get available(): boolean {
    return this.device.context !== undefined;
  }

  get negotiatedProtocol(): number {
    return this.device.context?.protocol ?? SCARD_PROTOCOL_UNDEFINED;
  }

  insert(card: SimulatedCard): void {
    if (this.device.card !== undefined) {
      throw new Error(`Reader "${this.name}" already holds a card; remove it first`);
    }
    if (this.device.attached) this.service.insertCard(this.device, card);
    else this.device.card = card;
  }

  powerDownIfIdle(): boolean {
    const reader = this.device.context;
    // Without a card the power-down changes nothing anyone sees, and no card is told of it.
    if (reader === undefined || !powerDownIdleCard(reader)) return false;
    this.service.notifyChange();
    return this.device.card !== undefined;
  }

  remove(): void {
    if (this.device.card === undefined) return;
    if (this.device.attached) this.service.removeCard(this.device);
    else this.device.card = undefined;
  }
}
