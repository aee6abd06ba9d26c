import { stat } from 'node:fs/promises';

/**
 * The protocol each daemon answered with, so that later contexts offer it first: a daemon that
 * refuses the newest protocol logs a critical line for every client that offers it, and the
 * refusal costs a round trip. A daemon is known by its socket file (a restarted pcscd makes a new
 * one); one that was upgraded behind the same file answers with its new version and is offered
 * that from the next context on.
 */
const answered = new Map<string, number>();

/** What tells this daemon from one that served the same path before it, or undefined. */
export async function daemonIdentity(socketPath: string): Promise<string | undefined> {
  try {
    const file = await stat(socketPath);
    return `${socketPath}\0${file.dev}:${file.ino}:${file.mtimeMs}`;
  } catch {
    return undefined;
  }
}

export function knownDaemonMinor(identity: string | undefined): number | undefined {
  return identity === undefined ? undefined : answered.get(identity);
}

export function rememberDaemonMinor(identity: string | undefined, minor: number): void {
  if (identity !== undefined) answered.set(identity, minor);
}
