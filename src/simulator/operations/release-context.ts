import { SCARD_S_SUCCESS } from '../../driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_RESET_CARD } from '../../driver/scard-constants';
import type { ServerHandle } from '../service/server-handle';
import type { SimulatedService } from '../service/simulated-service';
import { finishDisconnect } from './disconnect';

/**
 * What pcscd does with the handles of a released context (or of an application that exited):
 * each is disconnected leaving the card, except the one holding the reader lock, which resets
 * the card unless a reset or removal already happened.
 */
export function releaseHandlesOnServer(service: SimulatedService, handles: Iterable<ServerHandle>): void {
  for (const handle of handles) {
    const reader = handle.reader;
    if (!reader.attached || !reader.handles.has(handle)) continue;
    if (reader.lockHolder !== handle) {
      finishDisconnect(service, handle, SCARD_LEAVE_CARD);
      continue;
    }
    reader.lockHolder = undefined;
    const untouched = handle.eventCode === SCARD_S_SUCCESS;
    finishDisconnect(service, handle, untouched ? SCARD_RESET_CARD : SCARD_LEAVE_CARD);
  }
}
