import { SCARD_E_INVALID_HANDLE, SCARD_S_SUCCESS } from '../../driver/return-codes';
import type { ContextLink } from './context-link';
import { cancelReply, cancelRequest } from './message-codec';
import { brokenExchangeCode } from './broken-exchange';
import { ServiceSocket } from './service-socket';

/**
 * SCardCancel: marks every getStatusChange of the context (queued ones included) so it ends with
 * SCARD_E_CANCELLED at its next turn, and wakes one parked on pcscd's push with a CANCEL sent, as
 * libpcsclite sends it, on a socket of its own without a version handshake (the context's socket
 * is busy waiting).
 */
export async function cancelWaits(link: ContextLink, socketPath: string): Promise<number> {
  let parked = false;
  for (const ticket of link.waits) {
    ticket.cancelled = true;
    parked ||= ticket.parked;
  }
  if (!parked) return SCARD_S_SUCCESS;
  let socket: ServiceSocket | undefined;
  try {
    socket = await ServiceSocket.open(socketPath);
    socket.send(cancelRequest(link.context));
    socket.hold();
    const rv = await socket.read(cancelReply);
    // pcscd 1.9.9 says INVALID_HANDLE when its push crossed the CANCEL; the mark ends the wait then.
    return rv === SCARD_E_INVALID_HANDLE ? SCARD_S_SUCCESS : rv;
  } catch (error) {
    const code = brokenExchangeCode(error);
    if (code === undefined) throw error;
    return code;
  } finally {
    socket?.close();
  }
}
