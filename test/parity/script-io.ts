import { createInterface } from 'node:readline';

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
