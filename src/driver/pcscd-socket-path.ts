import { existsSync } from 'node:fs';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** Where pcsc-lite 1.9.0 and later put the socket; older builds used /var/run. */
const DEFAULT_PATHS = ['/run/pcscd/pcscd.comm', '/var/run/pcscd/pcscd.comm'] as const;

/** Linux's sun_path holds 108 bytes with the closing NUL; macOS and the BSDs hold 104. */
const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

/**
 * The socket pcscd serves, found the way libpcsclite finds it: `PCSCLITE_CSOCK_NAME`, else the
 * first default path that exists (else the newest default, so the error names a sensible path).
 */
export function pcscdSocketPath(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const named = env.PCSCLITE_CSOCK_NAME;
  if (named !== undefined && named !== '') return named;
  return DEFAULT_PATHS.find((path) => exists(path)) ?? DEFAULT_PATHS[0];
}

/**
 * A unix socket path the 'pcscd' driver can connect to: a non-empty string without NUL (the
 * kernel would cut the path there) that fits a socket address. Anything else is an
 * InvalidArgumentError before any connection is tried; whether a daemon answers there is
 * learnt by connecting (a path nobody serves is a lost service, as with the default socket).
 */
export function checkSocketPath(path: unknown, argument: string, call: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw InvalidArgumentError.expected(argument, "the path of pcscd's unix socket (a non-empty string)", path, call);
  }
  if (path.includes('\u0000')) throw InvalidArgumentError.expected(argument, 'a socket path without NUL characters', path, call);
  const bytes = Buffer.byteLength(path, 'utf8');
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    const message =
      `Expected \`${argument}\` to be a socket path of at most ${MAX_SOCKET_PATH_BYTES} bytes (the size of a unix socket address), ` +
      `got ${bytes} bytes; use a shorter path or a relative one.`;
    throw new InvalidArgumentError(message, argument, call);
  }
  return path;
}
