import {
  SCARD_E_INVALID_VALUE,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_S_SUCCESS,
  SCARD_W_REMOVED_CARD,
  SCARD_W_UNPOWERED_CARD,
} from '../../driver/return-codes';
import { SCARD_EJECT_CARD, SCARD_LEAVE_CARD } from '../../driver/scard-constants';
import { settlePowerOffWhileShared } from '../service/card-power';
import { eventCodeReportingRemovalAsReset, type ServerHandle } from '../service/server-handle';
import { lockSharing, unlockSharing } from '../service/sharing-lock';
import type { SimulatedService } from '../service/simulated-service';
import { applyDisposition, isDisposition } from './card-disposition';

/** How a platform's SCardBeginTransaction misreports card events (see SimulatedCodeBugs). */
export interface BeginTransactionCodes {
  readonly removalAsReset?: boolean;
  readonly powerOffAsUnpowered?: boolean;
}

/** SCardBeginTransaction as pcscd serves it; the client library retries a sharing violation. */
export function beginTransactionOnServer(handle: ServerHandle, codes: BeginTransactionCodes = {}): number {
  const reader = handle.reader;
  if (!reader.attached) return SCARD_E_INVALID_VALUE;
  settlePowerOffWhileShared(reader);
  if (codes.powerOffAsUnpowered === true && handle.event === 'reset' && handle.resetByPowerOff) return SCARD_W_UNPOWERED_CARD;
  const event = eventCodeReportingRemovalAsReset(handle, codes.removalAsReset === true);
  if (event !== SCARD_S_SUCCESS) return event;
  return lockSharing(reader, handle);
}

/** SCardEndTransaction as pcscd serves it (a reset here marks the caller's own handle too). */
export function endTransactionOnServer(service: SimulatedService, handle: ServerHandle, disposition: number, removalAsReset = false): number {
  if (!isDisposition(disposition)) return SCARD_E_INVALID_VALUE;
  const reader = handle.reader;
  if (!reader.attached) return SCARD_E_INVALID_VALUE;
  const event = eventCodeReportingRemovalAsReset(handle, removalAsReset);
  if (event !== SCARD_S_SUCCESS) return event;
  const holder = reader.lockHolder;
  if (disposition !== SCARD_LEAVE_CARD && holder !== undefined && holder !== handle) {
    return SCARD_E_SHARING_VIOLATION;
  }
  const cardThere = applyDisposition(reader, disposition, 'power-cycle');
  const rc = unlockSharing(reader, handle);
  service.notifyChange();
  // The card action's failure wins over the unlock's, and the lock is given up all the same:
  // a reset or power cycle finds no card, or pcscd ejects through the reader driver's old
  // control interface, which current drivers lack.
  if (!cardThere) return SCARD_W_REMOVED_CARD;
  return disposition === SCARD_EJECT_CARD ? SCARD_E_UNSUPPORTED_FEATURE : rc;
}
