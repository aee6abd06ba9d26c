/**
 * close() while pcscd is down stops service recovery at once: its backoff timer must not keep
 * the process alive. The fixture's backoff is a minute, so a lingering timer shows as a process
 * that does not end within the limit.
 */
import { join } from 'node:path';
import { REAL_DRIVERS } from '../harness/drivers';
import { isPcscdRunning, stopPcscd } from '../harness/pcscd';
import { runFixture } from '../harness/run-fixture';

const FIXTURE = join(__dirname, 'fixtures', 'close-while-service-down.ts');
/** Well below the fixture's one-minute backoff, well above what closing needs. */
const EXIT_LIMIT_MS = 30_000;

jest.setTimeout(EXIT_LIMIT_MS + 10_000);

beforeAll(async () => {
  await stopPcscd();
});

describe.each(REAL_DRIVERS)('close() while pcscd is down (%s)', (binding) => {
  it('ends recovery and lets the process exit by itself', async () => {
    expect(isPcscdRunning()).toBe(false);
    const run = await runFixture(FIXTURE, [binding], EXIT_LIMIT_MS);
    expect(run).toMatchObject({ exited: true, code: 0 });
    expect(run.output).toContain('closed');
  });
});
