import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nfcPcscDirectory } from './nfc-pcsc';

const REPO = join(__dirname, '../..');
const FIXTURES = join(__dirname, '../integration/fixtures/nfc-pcsc');

/** Which library an example runs against: nfc-pcsc itself, or resilient-pcsc/nfc-pcsc. */
export type ExampleTarget = 'nfc-pcsc' | 'facade';

/**
 * Copies one of nfc-pcsc's own examples into a temporary folder with only its imports changed:
 * `../src/index` becomes the library under test, `./pretty-logger` a colourless stand-in.
 */
export function prepareExample(name: string, target: ExampleTarget): string {
  const source = readFileSync(join(nfcPcscDirectory(), 'examples', `${name}.js`), 'utf8');
  const library = target === 'nfc-pcsc' ? join(nfcPcscDirectory(), 'dist/index.js') : join(REPO, 'src/nfc-pcsc/index.ts');
  const changed = source
    .replace(/from '\.\.\/src\/index'/g, `from ${JSON.stringify(library)}`)
    .replace(/from '\.\/pretty-logger'/g, "from './pretty-logger.cjs'");
  if (changed === source) throw new Error(`example ${name}: no import to change`);
  const dir = mkdtempSync(join(tmpdir(), `nfc-example-${target}-`));
  copyFileSync(join(FIXTURES, 'pretty-logger.cjs'), join(dir, 'pretty-logger.cjs'));
  const file = join(dir, `${name}.js`);
  writeFileSync(file, changed);
  return file;
}

/** A running example and its output so far. */
export interface RunningExample {
  /** stdout and stderr lines, in arrival order. */
  readonly lines: string[];
  /** Resolves once a line matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once no new line came for `quietMs`. */
  quiet(quietMs: number, timeoutMs?: number): Promise<void>;
  /** Ends it (SIGTERM) and resolves with every line. */
  stop(): Promise<string[]>;
  /** The process. */
  readonly child: ChildProcess;
}

/** Runs a prepared example under tsx with Math.random fixed. */
export function runExample(file: string): RunningExample {
  const child = spawn(process.execPath, ['--require', join(FIXTURES, 'deterministic.cjs'), '--import', 'tsx', file], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let last = Date.now();
  const take = (chunk: Buffer): void => {
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.length > 0),
    );
    last = Date.now();
  };
  let buffered = '';
  const split = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    if (parts.length) take(Buffer.from(parts.join('\n')));
  };
  child.stdout?.on('data', split);
  child.stderr?.on('data', split);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const poll = async (done: () => boolean, timeoutMs: number, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`${what} (output so far:\n${lines.join('\n')})`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    lines,
    child,
    async waitFor(pattern, timeoutMs = 20_000) {
      await poll(() => lines.some((line) => pattern.test(line)), timeoutMs, `no line matched ${pattern}`);
      return lines.find((line) => pattern.test(line)) ?? '';
    },
    async quiet(quietMs, timeoutMs = 20_000) {
      await poll(() => Date.now() - last >= quietMs, timeoutMs, `output never went quiet for ${quietMs} ms`);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      if (buffered) take(Buffer.from(buffered));
      return lines;
    },
  };
}
