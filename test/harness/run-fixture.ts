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

/**
 * Runs a TypeScript fixture under tsx and waits until it ends by itself, killing it after `limitMs`.
 * `onStdout` sees the fixture's standard output so far each time more arrives (to act on a cue);
 * `extraEnv` adds to the environment.
 */
export function runFixture(
  fixture: string,
  args: readonly string[],
  limitMs: number,
  onStdout?: (stdoutSoFar: string) => void,
  extraEnv?: Readonly<Record<string, string>>,
): Promise<FixtureRun> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [fixture, ...args], { cwd: ROOT, env: { ...process.env, ...extraEnv } });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      stdout += text;
      onStdout?.(stdout);
    });
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
