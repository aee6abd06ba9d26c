import { createInterface } from 'node:readline';
import type { DriverChoice } from '../../src/compose/open-driver';

/** Resolves with the next line on stdin (what the Python scripts get from sys.stdin.readline()). */
export function readLine(): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    lines.once('close', () => resolve(''));
  });
}

/** "ExceptionName: message", as the Python scripts print `"%s: %s" % (type(e).__name__, e)`. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
}

/** The environment variable that names the driver a Node port runs through ('pcscd', 'winscard', ...). */
export const PARITY_DRIVER_ENV = 'PARITY_DRIVER';

/**
 * The driver the parity test chose for this run of a Node port (PySCard itself always goes through
 * libpcsclite); the facade's default when none is named.
 */
export function parityDriver(): DriverChoice {
  return (process.env[PARITY_DRIVER_ENV] || 'auto') as DriverChoice;
}
