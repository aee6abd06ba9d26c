import {
  SCARD_E_INVALID_VALUE,
  SCARD_E_SHARING_VIOLATION,
  SCARD_S_SUCCESS,
} from '../../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../../driver/scard-constants';
import { eventCodeReportingRemovalAsReset, type ServerHandle } from '../service/server-handle';
import { lockSharing, unlockSharing } from '../service/sharing-lock';
import type { SimulatedService } from '../service/simulated-service';
import { applyDisposition, isDisposition } from './card-disposition';

/** SCardBeginTransaction as pcscd serves it; the client library retries a sharing violation. */
export function beginTransactionOnServer(handle: ServerHandle, removalAsReset = false): number {
  const reader = handle.reader;
  if (!reader.attached) return SCARD_E_INVALID_VALUE;
  const event = eventCodeReportingRemovalAsReset(handle, removalAsReset);
  if (event !== SCARD_S_SUCCESS) return event;
  return lockSharing(reader, handle);
}

/** SCardEndTransaction as pcscd serves it (a reset here marks the caller's own handle too). */
export function endTransactionOnServer(service: SimulatedService, handle: ServerHandle, disposition: number): number {
  if (!isDisposition(disposition)) return SCARD_E_INVALID_VALUE;
  const reader = handle.reader;
  if (!reader.attached) return SCARD_E_INVALID_VALUE;
  const event = handle.eventCode;
  if (event !== SCARD_S_SUCCESS) return event;
  const holder = reader.lockHolder;
  if (disposition !== SCARD_LEAVE_CARD && holder !== undefined && holder !== handle) {
    return SCARD_E_SHARING_VIOLATION;
  }
  applyDisposition(reader, disposition, 'power-cycle');
  const rc = unlockSharing(reader, handle);
  service.notifyChange();
  return rc;
}
