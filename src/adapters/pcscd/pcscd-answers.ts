import { DriverUnavailableError } from '../../driver/driver-unavailable-error';
import { SCARD_E_TIMEOUT } from '../../driver/return-codes';
import { ServiceLinkError, ServiceSocket } from './service-socket';
import { pcscdSocketPath } from '../../driver/pcscd-socket-path';
import { negotiateVersion } from './version-handshake';

/** pcscd answered in a protocol the 'pcscd' driver speaks. */
export interface PcscdAnswer {
  /** The socket pcscd answered on. */
  readonly socketPath: string;
  /** The protocol the driver will speak, e.g. '4.6'. */
  readonly protocol: string;
  /** The daemon's own protocol, e.g. '4.6' for pcsc-lite 2.5. */
  readonly serverProtocol: string;
}

/** Why the 'pcscd' driver cannot be used here. */
export interface PcscdRefusal {
  /** The socket that was tried. */
  readonly socketPath: string;
  /** Why, for people: the socket could not be opened, the version handshake failed or timed out, or no protocol is shared. */
  readonly reason: string;
}

const PROBE_LIMIT_MS = 3000;

/**
 * Whether pcscd's socket answers a protocol this driver speaks: connects, exchanges CMD_VERSION
 * and hangs up (no context is established). For driver selection and `doctor`.
 */
export async function pcscdAnswers(socketPath: string = pcscdSocketPath(), limitMs = PROBE_LIMIT_MS): Promise<PcscdAnswer | PcscdRefusal> {
  let socket: ServiceSocket;
  try {
    socket = await ServiceSocket.open(socketPath);
  } catch (error) {
    return { socketPath, reason: error instanceof Error ? error.message : String(error) };
  }
  const timer = setTimeout(() => socket.close(SCARD_E_TIMEOUT), limitMs);
  try {
    const version = await negotiateVersion(socket, socketPath);
    return { socketPath, protocol: `${version.major}.${version.minor}`, serverProtocol: `${version.serverMajor}.${version.serverMinor}` };
  } catch (error) {
    if (error instanceof DriverUnavailableError) return { socketPath, reason: error.message };
    if (error instanceof ServiceLinkError) {
      const why = error.code === SCARD_E_TIMEOUT ? `no answer within ${limitMs} ms` : error.message;
      return { socketPath, reason: `pcscd at ${socketPath} did not complete the version handshake: ${why}` };
    }
    throw error;
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}
