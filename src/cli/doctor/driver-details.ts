import { pcscdAnswers } from '../../driver/adapters/pcscd/pcscd-answers';
import { pcscdSocketPath } from '../../driver/adapters/pcscd/socket-path';
import { loadWinscard } from '../../driver/adapters/winscard/load-winscard';
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
  readonly library: string;
  readonly koffi?: string;
}

/** The details of the driver in use, under its name; empty for drivers without any. */
export interface DriverDetails {
  readonly pcscd?: PcscdDetails;
  readonly winscard?: WinscardDetails;
}

/** The details of the driver named `name` that doctor reports; none for the others. */
export async function driverDetails(name: string): Promise<DriverDetails> {
  if (name === 'pcscd') {
    const answer = await pcscdAnswers(pcscdSocketPath());
    return { pcscd: 'reason' in answer ? { socketPath: answer.socketPath, error: answer.reason } : answer };
  }
  if (name === 'winscard') {
    // Already loaded by the driver: the same file, from the loader's cache.
    const koffi = packageVersion('koffi');
    return { winscard: { library: loadWinscard().file, ...(koffi ? { koffi } : {}) } };
  }
  return {};
}
