import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PARITY_DRIVER_ENV } from './script-io';

/** PySCard's interpreter (python3-pyscard is installed for the system Python). */
export const PYTHON = '/usr/bin/python3';
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const DEFAULT_TIMEOUT_MS = 20_000;

export type Language = 'python' | 'node';

export interface ScriptResult {
  readonly lines: string[];
  readonly stderr: string;
  readonly code: number | null;
}

/** A parity script running as its own process: the Python original or its Node port. */
export class RunningScript {
  private readonly child: ChildProcessWithoutNullStreams;
  private stdout = '';
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private readonly waiters: Array<() => void> = [];

  constructor(
    readonly language: Language,
    readonly script: string,
    args: readonly string[] = [],
    env?: NodeJS.ProcessEnv,
  ) {
    const [command, file] = language === 'python' ? [PYTHON, `${script}.py`] : [TSX, `${script}.ts`];
    this.child = spawn(command, [join(__dirname, file), ...args], { cwd: ROOT, env: env ?? process.env });
    // A script that reads no more (it ended on its own, as `transaction.py take` does) closes its
    // stdin: a line written after that fails with EPIPE, which is no failure of the script.
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString('utf8');
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code) => {
        this.waiters.splice(0).forEach((wake) => wake());
        resolve(code);
      }),
    );
  }

  get label(): string {
    return `${this.script}.${this.language === 'python' ? 'py' : 'ts'}`;
  }

  /** Resolves once the script printed `line`; rejects if it exits first or takes longer than `timeoutMs`. */
  async waitForLine(line: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines().includes(line)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`${this.label} exited before printing "${line}":\n${this.stdout}${this.stderr}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.label} did not print "${line}" within ${timeoutMs} ms:\n${this.stdout}${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Writes a line to the script's stdin (it waits for one where the Python original sleeps). */
  sendLine(text = ''): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null || !this.child.stdin.writable) return;
    this.child.stdin.write(`${text}\n`);
  }

  async finished(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ScriptResult> {
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`${this.label} did not finish within ${timeoutMs} ms:\n${this.stdout}${this.stderr}`));
      }, timeoutMs);
    });
    const code = await Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
    return { lines: this.lines(), stderr: this.stderr, code };
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private lines(): string[] {
    return this.stdout.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
  }
}

/** Runs a script to the end and returns what it printed. */
export function runScript(language: Language, script: string, args: readonly string[] = []): Promise<ScriptResult> {
  return new RunningScript(language, script, args).finished();
}

/** Runs a script's Node port through `driver` (the ports read it from PARITY_DRIVER_ENV) to the end. */
export function runNodePort(script: string, driver: string, args: readonly string[] = []): Promise<ScriptResult> {
  return new RunningScript('node', script, args, { ...process.env, [PARITY_DRIVER_ENV]: driver }).finished();
}
