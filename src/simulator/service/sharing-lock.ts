import { SCARD_E_NOT_TRANSACTED, SCARD_E_SHARING_VIOLATION, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { EXCLUSIVE_SHARING, type ReaderContext } from './reader-context';
import type { ServerHandle } from './server-handle';

/**
 * The reader lock that exclusive connections and transactions share. As in pcscd, an exclusive
 * connection takes the lock once when it connects, so it keeps one more count than its transactions.
 */
export function checkSharing(reader: ReaderContext, handle: ServerHandle): number {
  const holder = reader.lockHolder;
  return holder === undefined || holder === handle ? SCARD_S_SUCCESS : SCARD_E_SHARING_VIOLATION;
}

export function lockSharing(reader: ReaderContext, handle: ServerHandle): number {
  const rc = checkSharing(reader, handle);
  if (rc !== SCARD_S_SUCCESS) return rc;
  reader.lockCount += 1;
  reader.lockHolder = handle;
  return SCARD_S_SUCCESS;
}

export function unlockSharing(reader: ReaderContext, handle: ServerHandle): number {
  const rc = checkSharing(reader, handle);
  if (rc !== SCARD_S_SUCCESS) return rc;
  if (reader.sharing === EXCLUSIVE_SHARING) {
    if (reader.lockCount <= 1) return SCARD_E_NOT_TRANSACTED;
    reader.lockCount -= 1;
    return SCARD_S_SUCCESS;
  }
  if (reader.lockCount <= 0) return SCARD_E_NOT_TRANSACTED;
  reader.lockCount -= 1;
  if (reader.lockCount === 0) reader.lockHolder = undefined;
  return SCARD_S_SUCCESS;
}

export function unlockAllSharing(reader: ReaderContext, handle: ServerHandle): number {
  const rc = checkSharing(reader, handle);
  if (rc !== SCARD_S_SUCCESS) return rc;
  reader.lockCount = 0;
  reader.lockHolder = undefined;
  return SCARD_S_SUCCESS;
}
