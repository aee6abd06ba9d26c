import { existsSync } from 'node:fs';

/** Where pcsc-lite 1.9.0 and later put the socket; older builds used /var/run. */
const DEFAULT_PATHS = ['/run/pcscd/pcscd.comm', '/var/run/pcscd/pcscd.comm'] as const;

/**
 * The socket pcscd serves, found the way libpcsclite finds it: `PCSCLITE_CSOCK_NAME`, else the
 * first default path that exists (else the newest default, so the error names a sensible path).
 */
export function pcscdSocketPath(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const named = env.PCSCLITE_CSOCK_NAME;
  if (named !== undefined && named !== '') return named;
  return DEFAULT_PATHS.find((path) => exists(path)) ?? DEFAULT_PATHS[0];
}
