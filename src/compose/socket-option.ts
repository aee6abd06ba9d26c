import { checkSocketPath } from '../driver/pcscd-socket-path';
import type { DriverSettings } from './driver-bindings';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * The driver settings `socket` asks for, checked against the rest of the options: a socket is
 * spoken to by the 'pcscd' driver only (an omitted driver means it), and in this process (that
 * driver has no native code, so there is nothing a worker process would guard).
 */
export function socketSettings(socket: unknown, driver: unknown, isolation: unknown, call = 'Pcsc.open'): DriverSettings {
  if (socket === undefined) return {};
  const socketPath = checkSocketPath(socket, 'socket', call);
  if (driver !== undefined && driver !== 'pcscd') {
    const message = `\`socket\` is the socket of pcscd, which driver 'pcscd' speaks to; pass driver: 'pcscd' (or no driver) with it, not ${typeof driver === 'string' ? `'${driver}'` : 'a driver object'}.`;
    throw new InvalidArgumentError(message, 'socket', call);
  }
  if (isolation === 'worker') {
    throw new InvalidArgumentError(
      "`socket` runs the 'pcscd' driver in this process: it has no native code to isolate, so isolation: 'worker' does not apply.",
      'isolation',
      call,
    );
  }
  return { socketPath };
}
