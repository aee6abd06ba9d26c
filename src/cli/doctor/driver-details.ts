import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pcscdAnswers } from '../../adapters/pcscd/pcscd-answers';
import { pcscdSocketPath } from '../../driver/pcscd-socket-path';
import { loadWinscard } from '../../adapters/winscard/load-winscard';
import { packageVersion } from './bindings';

/** What the 'pcscd' driver talks to: the socket, and the protocol it speaks there and the daemon's own. */
export interface PcscdDetails {
  readonly socketPath: string;
  readonly protocol?: string;
  readonly serverProtocol?: string;
  /** Why the daemon did not complete the handshake, when it did not. */
  readonly error?: string;
}

/** What the 'winscard' driver loaded: the library file and the koffi release that calls it. */
export interface WinscardDetails {
  /** The file the driver asked for: a path, or a name the dynamic loader looks up. */
  readonly library: string;
  /** The file the loader mapped for it, where the system tells (Linux). */
  readonly loadedFrom?: string;
  readonly koffi?: string;
}

/** The details of the driver in use, under its name; empty for drivers without any. */
export interface DriverDetails {
  readonly pcscd?: PcscdDetails;
  readonly winscard?: WinscardDetails;
}

/** The details of the driver named `name` that doctor reports (at `socket` for 'pcscd' when given); none for the others. */
export async function driverDetails(name: string, socket?: string): Promise<DriverDetails> {
  if (name === 'pcscd') {
    const answer = await pcscdAnswers(socket ?? pcscdSocketPath());
    return { pcscd: 'reason' in answer ? { socketPath: answer.socketPath, error: answer.reason } : answer };
  }
  if (name === 'winscard') {
    // Already loaded by the driver: the same file, from the loader's cache.
    const library = loadWinscard().file;
    const loadedFrom = mappedFile(library);
    const koffi = packageVersion('koffi');
    return { winscard: { library, ...(loadedFrom ? { loadedFrom } : {}), ...(koffi ? { koffi } : {}) } };
  }
  return {};
}

/** The file this process has mapped for `library` (a symbolic link's target, say), from /proc/self/maps. */
function mappedFile(library: string): string | undefined {
  let maps: string;
  try {
    maps = readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return undefined;
  }
  const wanted = basename(library);
  for (const line of maps.split('\n')) {
    const path = line.slice(line.indexOf('/'));
    if (line.includes('/') && (path === library || basename(path).startsWith(wanted))) return path;
  }
  return undefined;
}
