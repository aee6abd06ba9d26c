import { SCARD_E_INVALID_VALUE, SCARD_E_SHARING_VIOLATION, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../../driver/scard-constants';
import { armPowerOffWhileShared, noteReaderUnused } from '../service/card-power';
import { WAIT_FOR_CHANGE, type ServerReply } from '../service/outcome';
import { EXCLUSIVE_SHARING } from '../service/reader-context';
import type { ServerHandle } from '../service/server-handle';
import { unlockAllSharing } from '../service/sharing-lock';
import type { SimulatedService } from '../service/simulated-service';
import { applyDisposition, isDisposition } from './card-disposition';

/** SCardDisconnect as pcscd serves it; a card action waits for another handle's transaction. */
export function disconnectOnServer(service: SimulatedService, handle: ServerHandle, disposition: number): ServerReply<number> {
  if (!isDisposition(disposition)) return SCARD_E_INVALID_VALUE;
  const reader = handle.reader;
  // pcscd ignores disconnects from handles whose reader went away
  if (!reader.attached || !reader.handles.has(handle)) return SCARD_S_SUCCESS;
  const holder = reader.lockHolder;
  if (disposition !== SCARD_LEAVE_CARD && holder !== undefined && holder !== handle) return WAIT_FOR_CHANGE;
  return finishDisconnect(service, handle, disposition);
}

/** The part of a disconnect that never waits (also used when a context is released). */
export function finishDisconnect(service: SimulatedService, handle: ServerHandle, disposition: number): number {
  const reader = handle.reader;
  const unlocked = unlockAllSharing(reader, handle);
  if (unlocked === SCARD_E_SHARING_VIOLATION && disposition !== SCARD_LEAVE_CARD) return unlocked;

  applyDisposition(reader, disposition, 'power-off');

  reader.handles.delete(handle);
  if (reader.sharing === EXCLUSIVE_SHARING) reader.sharing = 0;
  else reader.sharing = Math.max(0, reader.sharing - 1);
  if (reader.handles.size === 0) noteReaderUnused(reader, Date.now());
  else if (service.personality.bugs.powerOffWhileShared === true) {
    armPowerOffWhileShared(reader, service.settings.idlePowerOffMs, Date.now());
  }
  service.notifyChange();
  return SCARD_S_SUCCESS;
}
