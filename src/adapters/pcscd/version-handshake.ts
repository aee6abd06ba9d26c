import { DriverUnavailableError } from '../../driver/driver-unavailable-error';
import { SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED, SCARD_S_SUCCESS } from '../../driver/return-codes';
import type { NegotiatedVersion } from './context-link';
import { daemonIdentity, knownDaemonMinor, rememberDaemonMinor } from './daemon-versions';
import { versionReply, versionRequest } from './message-codec';
import type { ServiceSocket } from './service-socket';
import { PROTOCOL_MAJOR, PROTOCOL_MINOR_OFFERED } from './wire-layout';

/** The minor versions this driver speaks: 4.4 (pcsc-lite 1.8.24 - 2.2.x), 4.5 (2.3.0 - 2.4.x) and 4.6 (2.5.x). */
const SPOKEN_MINORS: readonly number[] = [4, 5, 6];

/** Which pcsc-lite releases speak a protocol, for messages. */
export function releasesOf(major: number, minor: number): string {
  if (major !== PROTOCOL_MAJOR) return 'an unknown pcsc-lite';
  const known: Record<number, string> = {
    3: 'pcsc-lite 1.8.9 - 1.8.23',
    4: 'pcsc-lite 1.8.24 - 2.2.x',
    5: 'pcsc-lite 2.3.0 - 2.4.x',
    6: 'pcsc-lite 2.5.x',
  };
  return known[minor] ?? (minor > 6 ? 'a pcsc-lite newer than 2.5' : 'a pcsc-lite older than 1.8.9');
}

export function unsupportedDaemon(major: number, minor: number, socketPath: string): DriverUnavailableError {
  return new DriverUnavailableError(
    'pcscd',
    `pcscd at ${socketPath} speaks client protocol ${major}.${minor} (${releasesOf(major, minor)}), which the 'pcscd' driver does not ` +
      `speak (it speaks 4.4, 4.5 and 4.6: pcsc-lite 1.8.24 - 2.5.x). Use driver 'pcsclite' or 'smartcard', which go through the system's libpcsclite.`,
  );
}

/**
 * CMD_VERSION, the first message on a context's socket: offers the newest protocol spoken (4.6),
 * or the daemon's own when an earlier handshake with the same daemon told it (daemon-versions);
 * a daemon that refuses it answers with its own version (rv SCARD_E_SERVICE_STOPPED, or
 * SCARD_E_NO_SERVICE before 1.8.26) and keeps the socket open, so that version is offered next
 * when this driver speaks it (4.5 to pcsc-lite 2.3.x, 4.4 to 1.8.24 - 2.2.x). pcsc-lite 2.5.x
 * would take 4.4 too, but logs a critical line for each such client and shows it 16 readers
 * only. Resolves with the version spoken, or a return code when the exchange itself failed;
 * rejects with DriverUnavailableError when the daemon speaks nothing this driver does.
 */
export async function negotiateVersion(socket: ServiceSocket, socketPath: string): Promise<NegotiatedVersion> {
  const daemon = await daemonIdentity(socketPath);
  const known = knownDaemonMinor(daemon);
  let minor = known !== undefined && SPOKEN_MINORS.includes(known) ? known : PROTOCOL_MINOR_OFFERED;
  const offered = new Set<number>();
  for (;;) {
    offered.add(minor);
    socket.send(versionRequest(PROTOCOL_MAJOR, minor));
    socket.hold();
    let reply;
    try {
      reply = (await socket.read(versionReply)) as { major: number; minor: number; rv: number };
    } finally {
      socket.release();
    }
    if (reply.major === PROTOCOL_MAJOR) rememberDaemonMinor(daemon, reply.minor);
    if (reply.rv === SCARD_S_SUCCESS) return { major: PROTOCOL_MAJOR, minor, serverMajor: reply.major, serverMinor: reply.minor };
    const refused = reply.rv === SCARD_E_SERVICE_STOPPED || reply.rv === SCARD_E_NO_SERVICE;
    if (refused && reply.major === PROTOCOL_MAJOR && !offered.has(reply.minor) && SPOKEN_MINORS.includes(reply.minor)) {
      minor = reply.minor;
      continue;
    }
    throw unsupportedDaemon(reply.major, reply.minor, socketPath);
  }
}
