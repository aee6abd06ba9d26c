import type { Outcome } from '../../driver/pcsc-driver';
import { SCARD_E_INVALID_VALUE, SCARD_E_NOT_TRANSACTED, SCARD_E_UNSUPPORTED_FEATURE, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { fail, succeed } from '../service/outcome';
import type { ServerHandle } from '../service/server-handle';
import { checkSharing } from '../service/sharing-lock';

/** SCardControl as pcscd serves it: no card-event check, and no client-side retry on a sharing violation. */
export function controlOnServer(handle: ServerHandle, controlCode: number, data: Uint8Array, failsNotTransacted = false): Outcome<Uint8Array> {
  const reader = handle.reader;
  if (!reader.attached) return fail(SCARD_E_INVALID_VALUE);
  if (failsNotTransacted) return fail(SCARD_E_NOT_TRANSACTED);
  const sharing = checkSharing(reader, handle);
  if (sharing !== SCARD_S_SUCCESS) return fail(sharing);
  const answer = reader.device.options.control?.(controlCode, Uint8Array.from(data));
  if (answer === undefined) return fail(SCARD_E_UNSUPPORTED_FEATURE);
  return succeed(Uint8Array.from(answer));
}
