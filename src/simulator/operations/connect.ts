import type { ConnectResult, Outcome } from '../../driver/pcsc-driver';
import {
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_UNKNOWN_READER,
  SCARD_W_UNPOWERED_CARD,
} from '../../driver/return-codes';
import { SCARD_PRESENT, SCARD_SHARE_DIRECT, SCARD_SHARE_EXCLUSIVE, SCARD_SHARE_SHARED } from '../../driver/scard-constants';
import { powerForConnection } from '../service/card-power';
import { fail, succeed, WAIT_FOR_CHANGE, type ServerReply } from '../service/outcome';
import { asksNoUsableProtocol, selectProtocol } from '../service/protocol-selection';
import { EXCLUSIVE_SHARING, type ReaderContext } from '../service/reader-context';
import { ServerHandle } from '../service/server-handle';
import { lockSharing } from '../service/sharing-lock';
import type { SimulatedService } from '../service/simulated-service';

export interface ConnectRequest {
  readonly application: number;
  readonly readerName: string;
  readonly shareMode: number;
  readonly preferredProtocols: number;
}

export interface ServerConnection extends ConnectResult {
  readonly server: ServerHandle;
}

function isShareMode(mode: number): boolean {
  return mode === SCARD_SHARE_EXCLUSIVE || mode === SCARD_SHARE_SHARED || mode === SCARD_SHARE_DIRECT;
}

function exclusiveHolderApplication(reader: ReaderContext): number | undefined {
  for (const handle of reader.handles) return handle.application;
  return undefined;
}

/** The code for a connect refused because another handle holds the reader exclusively. */
function exclusiveRefusal(service: SimulatedService, reader: ReaderContext, request: ConnectRequest): number {
  const holder = exclusiveHolderApplication(reader);
  if (
    service.personality.bugs.protoMismatchOnExclusiveReader &&
    request.shareMode === SCARD_SHARE_SHARED &&
    holder !== undefined &&
    holder !== request.application
  ) {
    return SCARD_E_PROTO_MISMATCH;
  }
  return SCARD_E_SHARING_VIOLATION;
}

function ownsHandleOn(reader: ReaderContext, application: number): boolean {
  for (const handle of reader.handles) if (handle.application === application) return true;
  return false;
}

function othersHoldHandlesOn(reader: ReaderContext, application: number): boolean {
  for (const handle of reader.handles) if (handle.application !== application) return true;
  return false;
}

/** SCardConnect as pcscd serves it; waits (WAIT_FOR_CHANGE) while a transaction runs on the reader. */
export function connectOnServer(service: SimulatedService, request: ConnectRequest): ServerReply<Outcome<ServerConnection>> {
  const { shareMode, preferredProtocols } = request;
  if (asksNoUsableProtocol(shareMode, preferredProtocols)) return fail(SCARD_E_PROTO_MISMATCH);
  if (!isShareMode(shareMode)) return fail(SCARD_E_INVALID_VALUE);

  const reader = service.findReader(request.readerName);
  if (reader === undefined) return fail(SCARD_E_UNKNOWN_READER);
  if (reader.sharing === EXCLUSIVE_SHARING) return fail(exclusiveRefusal(service, reader, request));
  if (!service.personality.capabilities.multipleHandlesPerReader && ownsHandleOn(reader, request.application)) {
    return fail(SCARD_E_SHARING_VIOLATION);
  }
  if (reader.lockHolder !== undefined) return WAIT_FOR_CHANGE;

  if (shareMode !== SCARD_SHARE_DIRECT) {
    if (!(reader.state & SCARD_PRESENT)) return fail(SCARD_E_NO_SMARTCARD);
    if (shareMode === SCARD_SHARE_SHARED && service.personality.bugs.sharedConnectWaitsForOthers === true && othersHoldHandlesOn(reader, request.application)) {
      return WAIT_FOR_CHANGE;
    }
    if (!powerForConnection(reader, service.settings.idlePowerOffMs, Date.now())) return fail(SCARD_W_UNPOWERED_CARD);
  }

  const protocol = selectProtocol(reader, shareMode, preferredProtocols);
  if (protocol === undefined) {
    return fail(service.personality.codeBugs?.notTransactedForProtoMismatch === true ? SCARD_E_NOT_TRANSACTED : SCARD_E_PROTO_MISMATCH);
  }

  const server = new ServerHandle(service.allocateHandleId(), request.application, reader);
  if (shareMode === SCARD_SHARE_EXCLUSIVE) {
    if (reader.sharing !== 0) return fail(SCARD_E_SHARING_VIOLATION);
    reader.sharing = EXCLUSIVE_SHARING;
    lockSharing(reader, server);
  } else {
    reader.sharing += 1;
  }
  reader.handles.add(server);
  service.notifyChange();
  return succeed({ handle: server.id, protocol, server });
}
