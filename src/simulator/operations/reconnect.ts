import type { Outcome } from '../../driver/pcsc-driver';
import { SCARD_E_INVALID_VALUE, SCARD_E_NO_SMARTCARD, SCARD_E_PROTO_MISMATCH, SCARD_E_SHARING_VIOLATION, SCARD_S_SUCCESS } from '../../driver/return-codes';
import {
  SCARD_ABSENT,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_RAW,
  SCARD_RESET_CARD,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_UNPOWER_CARD,
} from '../../driver/scard-constants';
import { powerUpCard } from '../service/card-power';
import { fail, succeed } from '../service/outcome';
import { asksNoUsableProtocol, selectProtocol } from '../service/protocol-selection';
import { EXCLUSIVE_SHARING } from '../service/reader-context';
import type { ServerHandle } from '../service/server-handle';
import { checkSharing, lockSharing, unlockSharing } from '../service/sharing-lock';
import type { SimulatedService } from '../service/simulated-service';
import { applyDisposition } from './card-disposition';

export interface ReconnectRequest {
  readonly shareMode: number;
  readonly preferredProtocols: number;
  readonly initialization: number;
}

function isInitialization(value: number): boolean {
  return value === SCARD_LEAVE_CARD || value === SCARD_RESET_CARD || value === SCARD_UNPOWER_CARD;
}

function isShareMode(mode: number): boolean {
  return mode === SCARD_SHARE_EXCLUSIVE || mode === SCARD_SHARE_SHARED || mode === SCARD_SHARE_DIRECT;
}

/** SCardReconnect as pcscd serves it; SCARD_E_SHARING_VIOLATION makes the client library retry. */
export function reconnectOnServer(service: SimulatedService, handle: ServerHandle, request: ReconnectRequest): Outcome<number> {
  const { shareMode, preferredProtocols, initialization } = request;
  if (!isInitialization(initialization)) return fail(SCARD_E_INVALID_VALUE);
  if (!isShareMode(shareMode)) return fail(SCARD_E_INVALID_VALUE);
  if (asksNoUsableProtocol(shareMode, preferredProtocols)) return fail(SCARD_E_PROTO_MISMATCH);

  const reader = handle.reader;
  if (!reader.attached) return fail(SCARD_E_INVALID_VALUE);
  const sharing = checkSharing(reader, handle);
  if (sharing !== SCARD_S_SUCCESS) return fail(sharing);

  if (initialization === SCARD_LEAVE_CARD) {
    if (reader.state & SCARD_ABSENT) return fail(SCARD_E_NO_SMARTCARD);
    // pcscd does not power up a card another application powered down (it stays unpowered, see
    // powerForConnection); the release that powers shared cards off does.
    if (service.personality.bugs.powerOffWhileShared === true && !reader.powered) powerUpCard(reader);
  } else if (!applyDisposition(reader, initialization, 'power-cycle')) {
    return fail(SCARD_E_NO_SMARTCARD);
  }

  const protocol = selectProtocol(reader, shareMode, preferredProtocols);
  if (protocol === undefined) return fail(SCARD_E_PROTO_MISMATCH);
  if (shareMode !== SCARD_SHARE_DIRECT && !(preferredProtocols & SCARD_PROTOCOL_RAW)) reader.powerState = 'in-use';

  if (shareMode === SCARD_SHARE_EXCLUSIVE) {
    if (reader.sharing !== EXCLUSIVE_SHARING) {
      if (reader.sharing !== 1) return fail(SCARD_E_SHARING_VIOLATION);
      reader.sharing = EXCLUSIVE_SHARING;
      lockSharing(reader, handle);
    }
  } else if (reader.sharing === EXCLUSIVE_SHARING) {
    // pcscd keeps the exclusive connection's lock count here: the handle still holds the
    // reader until it ends one transaction or disconnects
    unlockSharing(reader, handle);
    reader.sharing = 1;
  }

  handle.event = 'none';
  handle.resetLeaked = false;
  service.notifyChange();
  return succeed(protocol);
}
