/**
 * A program that forgets Pcsc.close() must still end when its work is done: nothing the library
 * leaves idle (contexts, connections, status threads, worker processes) may keep it alive.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const FIXTURE = join(__dirname, 'fixtures', 'open-and-forget.ts');
/** Generous: the fixture needs a few seconds; a process held alive never ends. */
const EXIT_LIMIT_MS = 30_000;

const harness = withHarness();
jest.setTimeout(EXIT_LIMIT_MS + 10_000);

function runFixture(driver: string): Promise<{ readonly exited: boolean; readonly code: number | null; readonly output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [FIXTURE, driver, harness.readerName], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false, code: null, output });
    }, EXIT_LIMIT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code, output });
    });
  });
}

describe.each(REAL_DRIVERS)('a program that never calls close() (%s)', (driver) => {
  it('ends by itself after its last command', async () => {
    const run = await runFixture(driver);
    expect(run.output).toContain('SELECT 9000, leaving without close()');
    expect(run).toMatchObject({ exited: true, code: 0 });
  });
});
