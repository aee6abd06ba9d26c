import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** How a fixture process ended: by itself (`exited`) or killed after the limit. */
export interface FixtureRun {
  readonly exited: boolean;
  readonly code: number | null;
  readonly output: string;
}

/** Runs a TypeScript fixture under tsx and waits until it ends by itself, killing it after `limitMs`. */
export function runFixture(fixture: string, args: readonly string[], limitMs: number): Promise<FixtureRun> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [fixture, ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false, code: null, output });
    }, limitMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code, output });
    });
  });
}
