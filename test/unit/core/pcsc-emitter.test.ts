/**
 * A failing event listener is reported as an 'error' event; without an 'error' listener it is thrown
 * on the next tick, as Node does for an EventEmitter's unhandled 'error', never dropped.
 * The unhandled cases run in a child process, since they end it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PcscEmitter } from '../../../src/core/pcsc-emitter';
import type { ReaderInfo } from '../../../src/core/reader-info';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'throwing-listener.ts');

function runFixture(kind: 'sync' | 'async', mode: 'unhandled' | 'handled'): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', FIXTURE, kind, mode], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const READER: ReaderInfo = { name: 'Reader', state: 'present', atr: Uint8Array.of(0x3b, 0x00), eventState: 0 };

jest.setTimeout(120_000);

describe('exceptions thrown in event listeners', () => {
  it("go to the 'error' listeners when there are some, and the other listeners still run", async () => {
    const emitter = new PcscEmitter();
    const errors: string[] = [];
    const reached: string[] = [];
    emitter.on('error', (error) => errors.push(`${error.name}: ${error.message}`));
    emitter.on('card-inserted', () => {
      throw new TypeError('sync listener failed');
    });
    emitter.on('card-inserted', async () => {
      throw new RangeError('async listener failed');
    });
    emitter.on('card-inserted', (reader) => void reached.push(reader.name));
    emitter.emit('card-inserted', READER);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual(['TypeError: sync listener failed', 'RangeError: async listener failed']);
    expect(reached).toEqual(['Reader']);
  });

  it.each(['sync', 'async'] as const)("without an 'error' listener, a %s failure ends the process as an uncaught exception", (kind) => {
    const run = runFixture(kind, 'unhandled');
    expect(run.stdout).not.toContain('vanished');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('TypeError');
  });

  it.each(['sync', 'async'] as const)("without an 'error' listener, a %s failure reaches 'uncaughtException' and the monitor keeps running", (kind) => {
    const run = runFixture(kind, 'handled');
    const message = kind === 'sync' ? "Cannot read properties of undefined (reading 'name')" : 'async listener failed for Reader 00 00';
    expect(run.stdout.trim().split('\n')).toEqual([`uncaught TypeError: ${message}`, `uncaught TypeError: ${message}`, 'monitor still running']);
    expect(run.status).toBe(0);
  });

  it("an 'error' listener that throws is thrown on the next tick too", async () => {
    const emitter = new PcscEmitter();
    emitter.on('error', () => {
      throw new RangeError('error listener failed');
    });
    emitter.on('card-inserted', () => {
      throw new TypeError('listener failed');
    });
    const thrown: unknown[] = [];
    const nextTick = jest.spyOn(process, 'nextTick').mockImplementation(((callback: () => void) => {
      try {
        callback();
      } catch (error) {
        thrown.push(error);
      }
    }) as typeof process.nextTick);
    try {
      emitter.emit('card-inserted', READER);
    } finally {
      nextTick.mockRestore();
    }
    expect(thrown).toEqual([new RangeError('error listener failed')]);
  });
});
