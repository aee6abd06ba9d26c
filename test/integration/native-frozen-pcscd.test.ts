/**
 * A pcscd that stops answering (SIGSTOP) must not freeze the application: no library call may block
 * the event loop while it waits for the daemon. Each driver opens a client while pcscd is frozen,
 * lists readers and transmits with a timeout on a client opened before; the worst event-loop delay
 * over the frozen period is measured (perf_hooks.monitorEventLoopDelay) and printed. The calls then
 * complete once pcscd runs again.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Pcsc } from '../../src/core/pcsc';
import { TimeoutError } from '../../src/errors/pcsc-error';
import { REAL_DRIVERS } from '../harness/drivers';
import { freezePcscd, thawPcscd } from '../harness/pcscd';
import { withHarness } from '../harness/with-harness';

const SELECT = '00 A4 04 00 06 A0 00 00 00 18 FF';
const FROZEN_MS = 3000;
/** The stall the library itself may cause; above this the event loop was blocked by a call. */
const STALL_GOAL_MS = 50;

const harness = withHarness();
jest.setTimeout(60_000);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe.each(REAL_DRIVERS)('a frozen pcscd does not block the event loop (%s)', (driver) => {
  it('opening, listing readers and a transmit with a timeout leave the event loop running while pcscd is stopped', async () => {
    const app = await Pcsc.open({ driver, quirks: 'none' });
    const card = await app.connect(harness.readerName);
    await card.transmit(SELECT);

    // The same measure over a quiet period first: on a loaded machine the loop lags without any help.
    const quiet = monitorEventLoopDelay({ resolution: 5 });
    quiet.enable();
    await sleep(FROZEN_MS);
    quiet.disable();

    const delay = monitorEventLoopDelay({ resolution: 5 });
    freezePcscd();
    let thawed = false;
    try {
      delay.enable();
      const startedAt = Date.now();
      const opening = Pcsc.open({ driver, quirks: 'none' });
      const listing = app.listReaders();
      const transmitting = card.transmit(SELECT, { timeout: 1000 }).then(
        () => 'answered',
        (error: unknown) => (error instanceof TimeoutError ? `TimeoutError after ${Date.now() - startedAt} ms` : error),
      );
      opening.catch(() => undefined);
      listing.catch(() => undefined);
      await sleep(FROZEN_MS);
      delay.disable();
      thawPcscd();
      thawed = true;
      const transmitted = await transmitting;
      const opened = await opening;
      const readers = await listing;
      const worstMs = delay.max / 1e6;
      console.log(
        `frozen pcscd (${driver}): worst event-loop stall ${worstMs.toFixed(1)} ms over ${FROZEN_MS} ms ` +
          `(p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, goal < ${STALL_GOAL_MS} ms; ${(quiet.max / 1e6).toFixed(1)} ms over a quiet ` +
          `${FROZEN_MS} ms before); transmit({ timeout: 1000 }): ${String(transmitted)}`,
      );
      expect(transmitted).toMatch(/^TimeoutError/);
      expect(readers.map((reader) => reader.name)).toContain(harness.readerName);
      // A 1 s timer that fired on time means the loop was never blocked for seconds, as it was.
      expect(worstMs).toBeLessThan(1000);
      await opened.close();
    } finally {
      if (!thawed) thawPcscd();
      await app.close();
    }
  });
});
