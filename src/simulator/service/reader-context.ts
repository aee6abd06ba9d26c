import { SCARD_ABSENT, SCARD_PROTOCOL_UNDEFINED } from '../../driver/scard-constants';
import type { PhysicalReader } from './physical-reader';
import type { ServerHandle } from './server-handle';

/**
 * pcscd's power bookkeeping for a reader, apart from its state bits: 'powered' (powered up by the
 * service, not yet used), 'in-use' (a shared or exclusive connection used it), 'grace-period' (its
 * last connection ended) or 'unpowered'. The service's reader thread powers a 'powered' card down
 * and turns 'grace-period' into 'powered'; only an 'unpowered' card is powered up by the next
 * connection.
 */
export type CardPowerState = 'unpowered' | 'powered' | 'grace-period' | 'in-use';

/** `sharing` value while one handle holds the reader exclusively (pcsc-lite uses -1 too). */
export const EXCLUSIVE_SHARING = -1;

const NO_ATR = new Uint8Array(0);

/** The service's state for one running reader; a new one is made each time the reader starts. */
export class ReaderContext {
  /** False once the reader was unplugged or the service stopped: its handles are orphans. */
  attached = true;
  /** SCARD_ABSENT, SCARD_PRESENT (unpowered) or SCARD_PRESENT | SCARD_POWERED | SCARD_NEGOTIABLE. */
  state = SCARD_ABSENT;
  atr: Uint8Array = NO_ATR;
  /** Protocol negotiated with the card, shared by all handles; undefined after every power-up. */
  protocol = SCARD_PROTOCOL_UNDEFINED;
  /** Whether the card is really powered; pcscd may power an unused card down without changing `state`. */
  powered = false;
  /** Which power-up or power-down the service has in mind for the card (see CardPowerState). */
  powerState: CardPowerState = 'unpowered';
  /** Number of handles, or EXCLUSIVE_SHARING. */
  sharing = 0;
  lockHolder: ServerHandle | undefined;
  lockCount = 0;
  /** Card insertions and removals, modulo 2^16. */
  eventCounter = 0;
  /** When the powered card last became unused (no handle). */
  idleSince = 0;
  /** When a platform that powers cards off under connected applications will do so (see SimulatedBugs). */
  powerOffWhileSharedAt: number | undefined;
  readonly handles = new Set<ServerHandle>();

  constructor(
    readonly device: PhysicalReader,
    readonly name: string,
    readonly index: number,
  ) {}

  clearCardState(): void {
    this.state = SCARD_ABSENT;
    this.atr = NO_ATR;
    this.protocol = SCARD_PROTOCOL_UNDEFINED;
    this.powered = false;
  }
}
