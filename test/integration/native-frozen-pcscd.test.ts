/**
 * A pcscd that stops answering (SIGSTOP) must not freeze the application: no library call may block
 * the event loop while it waits for the daemon. For each driver a separate process (so that no test
 * runner's garbage collection is counted) opens a client while pcscd is frozen, lists readers and
 * transmits with a timeout on a client opened before; the worst event-loop delay over the frozen
 * period (perf_hooks.monitorEventLoopDelay) is printed beside the same measure over a quiet period.
 * The calls complete once pcscd runs again.
 */
import { join } from 'node:path';
import { REAL_DRIVERS } from '../harness/drivers';
import { runningPid } from '../harness/pcscd';
import { runFixture } from '../harness/run-fixture';
import { withHarness } from '../harness/with-harness';

const FIXTURE = join(__dirname, 'fixtures', 'frozen-pcscd-stall.ts');
const FROZEN_MS = 3000;
/** The stall the library itself may cause; reported, not asserted (the machine's own lag varies). */
const STALL_GOAL_MS = 50;
/** Blocked calls stalled the loop for seconds; a loop that ran a 1 s timer on time was never blocked that long. */
const BLOCKED_MS = 1000;

const harness = withHarness();
jest.setTimeout(90_000);

interface Measured {
  readonly quietMs: number;
  readonly frozenMs: number;
  readonly p99Ms: number;
  readonly transmit: string;
  readonly readers: readonly string[];
}

describe.each(REAL_DRIVERS)('a frozen pcscd does not block the event loop (%s)', (driver) => {
  it('opening, listing readers and a transmit with a timeout leave the event loop running while pcscd is stopped', async () => {
    const run = await runFixture(FIXTURE, [driver, harness.readerName, String(runningPid()), String(FROZEN_MS)], 60_000);
    expect(run).toMatchObject({ exited: true, code: 0 });
    const measured = JSON.parse(run.output.trim().split('\n').pop() ?? '{}') as Measured;
    console.log(
      `frozen pcscd (${driver}): worst event-loop stall ${measured.frozenMs.toFixed(1)} ms over ${FROZEN_MS} ms frozen ` +
        `(p99 ${measured.p99Ms.toFixed(1)} ms, goal < ${STALL_GOAL_MS} ms; ${measured.quietMs.toFixed(1)} ms over a quiet ${FROZEN_MS} ms); ` +
        `transmit({ timeout: 1000 }): ${measured.transmit}`,
    );
    expect(measured.transmit).toMatch(/^TimeoutError/);
    expect(measured.readers).toContain(harness.readerName);
    expect(measured.frozenMs).toBeLessThan(BLOCKED_MS);
  });
});
