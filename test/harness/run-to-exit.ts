import { spawn } from 'node:child_process';

/** How a child process ended: by itself (`exited`, with its code) or killed at the limit. */
export interface ExitRun {
  readonly exited: boolean;
  readonly code: number | null;
  /** stdout and stderr, interleaved. */
  readonly output: string;
}

/** Runs `command` and waits for it to end by itself; past `limitMs` it is killed and counts as hung. */
export function runToExit(command: string, args: readonly string[], cwd: string, limitMs: number): Promise<ExitRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd });
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
