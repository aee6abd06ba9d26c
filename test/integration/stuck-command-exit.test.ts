/**
 * A program that closes while a command to a mute card is still pending: close() settles, and the
 * process ends by itself while the card is still mute. A driver that calls the system PC/SC library
 * on libuv's thread pool ('winscard') must end the pending native call (libuv keeps the process
 * alive until it returns); the worker drivers' process is stopped.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REAL_DRIVERS } from '../harness/drivers';
import { insertMuteableCard } from '../harness/muteable-card';
import { withHarness } from '../harness/with-harness';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'close-after-mute.ts');
const MUTE_SLOT_PORT = 35964;
const MUTE_READER = 'Virtual PCD 00 01';
const ATR = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
/** How long the card stays mute after close() returned: generous, the process should end at once. */
const MUTE_AFTER_CLOSE_MS = 5000;
/** Generous: a process held alive never ends. */
const EXIT_LIMIT_MS = 20_000;

withHarness();
jest.setTimeout(60_000);

function lineSeen(child: ChildProcessWithoutNullStreams, text: string, output: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = (): void => {
      if (!output.text.includes(text)) return;
      child.stdout.off('data', look);
      resolve();
    };
    child.stdout.on('data', look);
    child.once('close', () => reject(new Error(`the fixture ended before printing "${text}":\n${output.text}`)));
    look();
  });
}

describe.each(REAL_DRIVERS)('closing while a mute card holds a command (%s)', (driver) => {
  it('close() settles and the process ends by itself while the card is still mute', async () => {
    const card = await insertMuteableCard(MUTE_SLOT_PORT, ATR);
    // node itself (tsx as a loader), so that the SIGKILL at the end reaches the process that may hang.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, driver, MUTE_READER], { cwd: ROOT });
    const output = { text: '' };
    const collect = (chunk: Buffer): void => void (output.text += chunk.toString('utf8'));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const ended = new Promise<number | null>((resolve) => child.once('close', resolve));
    let endedAt: number | undefined;
    void ended.then(() => (endedAt = Date.now()));
    try {
      await lineSeen(child, 'mute now', output);
      card.mute();
      child.stdin.end('go\n');
      await lineSeen(child, 'closed in', output);
      const closedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, MUTE_AFTER_CLOSE_MS));
      const endedWhileMute = endedAt !== undefined;
      await card.remove();
      const removedAt = Date.now();
      const limit = new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), EXIT_LIMIT_MS).unref());
      const code = await Promise.race([ended, limit]);
      console.log(
        `stuck command at close (${driver}): ${/stuck command: .*/.exec(output.text)?.[0] ?? '?'}; process ended ` +
          (endedWhileMute
            ? `${(endedAt ?? closedAt) - closedAt} ms after close() while the card was mute`
            : `${(endedAt ?? removedAt) - removedAt} ms after the card left`),
      );
      expect(output.text).toContain('stuck command: TimeoutError');
      expect(code).toBe(0);
      expect(endedWhileMute).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await card.remove();
    }
  });
});
