import type { HandleId } from '../../driver/pcsc-driver';
import { SCARD_S_SUCCESS, SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD, SCARD_W_UNPOWERED_CARD } from '../../driver/return-codes';
import { SCARD_PRESENT } from '../../driver/scard-constants';
import type { ReaderContext } from './reader-context';

/**
 * What happened to the card since this handle last (re)connected. 'unpowered' is only ever set by
 * a platform that powers the card off under a connected application (see SimulatedBugs).
 */
export type CardEvent = 'none' | 'reset' | 'removed' | 'unpowered';

/** One SCARDHANDLE as the service knows it. */
export class ServerHandle {
  event: CardEvent = 'none';
  /** A reset event already let one transmit through (the late reset report of some macOS releases). */
  resetLeaked = false;
  /** The reset was another application powering the card off (SCARD_UNPOWER_CARD). */
  resetByPowerOff = false;

  constructor(
    readonly id: HandleId,
    readonly application: number,
    readonly reader: ReaderContext,
  ) {}

  /** SCARD_W_RESET_CARD / SCARD_W_REMOVED_CARD until the handle reconnects, else success. */
  get eventCode(): number {
    if (this.event === 'reset') return SCARD_W_RESET_CARD;
    if (this.event === 'removed') return SCARD_W_REMOVED_CARD;
    if (this.event === 'unpowered') return SCARD_W_UNPOWERED_CARD;
    return SCARD_S_SUCCESS;
  }
}

/** Marks every handle on the reader, the caller's own included, as pcscd does. */
export function signalCardEvent(reader: ReaderContext, event: CardEvent, byPowerOff = false): void {
  for (const handle of reader.handles) {
    handle.event = event;
    handle.resetLeaked = false;
    handle.resetByPowerOff = byPowerOff;
  }
  if (event === 'removed') {
    reader.lockHolder = undefined;
    reader.lockCount = 0;
  }
}

/** The handle's event code as a platform that reports a replaced card as reset answers it. */
export function eventCodeReportingRemovalAsReset(handle: ServerHandle, removalAsReset: boolean): number {
  if (removalAsReset && handle.event === 'removed' && handle.reader.state & SCARD_PRESENT) return SCARD_W_RESET_CARD;
  return handle.eventCode;
}
