/**
 * A program that forgets Pcsc.close() must still end when its work is done: nothing the library
 * leaves idle (contexts, connections, status threads, worker processes) may keep it alive.
 */
import { join } from 'node:path';
import { runFixture } from '../harness/run-fixture';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';

const FIXTURE = join(__dirname, 'fixtures', 'open-and-forget.ts');
/** Generous: the fixture needs a few seconds; a process held alive never ends. */
const EXIT_LIMIT_MS = 30_000;

const harness = withHarness();
jest.setTimeout(EXIT_LIMIT_MS + 10_000);

describe.each(REAL_DRIVERS)('a program that never calls close() (%s)', (driver) => {
  it('ends by itself after its last command', async () => {
    const run = await runFixture(FIXTURE, [driver, harness.readerName], EXIT_LIMIT_MS);
    expect(run.output).toContain('SELECT 9000, leaving without close()');
    expect(run).toMatchObject({ exited: true, code: 0 });
  });
});
