/**
 * A monitor loop that finds no change must wait. These drivers answer the monitor's status-change
 * wait at once; the monitor must not ask again at once. Each answer is held back for one turn of the
 * event loop, so that a monitor which does spin lets this test's own timer fire and shows in the call
 * count.
 */
import { Pcsc } from '../../../src/compose/pcsc';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import { type ContextId, type Outcome, type ReaderStateQuery, type ReaderStateResult, succeed } from '../../../src/driver/pcsc-driver';
import { PNP_NOTIFICATION_READER, SCARD_STATE_CHANGED, SCARD_STATE_EVENT_COUNTER_SHIFT } from '../../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

/** Longer than the window below: a monitor that waits makes its first few calls, then nothing. */
const POLL_MS = 10_000;
const WINDOW_MS = 300;
/** List and look, a wait answered at once, the look that follows it, once more with what it learnt. A spinning monitor makes thousands. */
const FEW_CALLS = 6;
const NO_ATR = new Uint8Array(0);

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

abstract class CountingDriver extends ForwardingDriver {
  calls = 0;

  override async getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    this.calls += 1;
    const answer = await this.answer(context, queries, timeoutMs);
    await turn();
    return answer;
  }

  protected abstract answer(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>>;

  /** What the wait would answer at once: each reader as it is now, unknown readers as the caller believes. */
  protected async now(context: ContextId, queries: readonly ReaderStateQuery[]): Promise<ReaderStateResult[]> {
    const readers = queries.filter((query) => query.reader !== PNP_NOTIFICATION_READER);
    const looked =
      readers.length === 0
        ? undefined
        : await this.inner.getStatusChange(
            context,
            readers.map((query) => ({ ...query, currentState: 0 })),
            0,
          );
    return queries.map((query) => {
      const seen = looked?.ok ? looked.value.find((result) => result.reader === query.reader) : undefined;
      return seen
        ? { ...seen, currentState: query.currentState, eventState: seen.eventState & ~SCARD_STATE_CHANGED }
        : { reader: query.reader, currentState: query.currentState, eventState: query.currentState, atr: NO_ATR };
    });
  }
}

/** pcsc-lite 2.x: the PnP pseudo-reader's upper word is a reader-event counter, not the reader count. */
class ReaderEventCounter extends CountingDriver {
  static readonly COUNTER = 7 << SCARD_STATE_EVENT_COUNTER_SHIFT;

  protected async answer(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const pnp = queries.find((query) => query.reader === PNP_NOTIFICATION_READER);
    if (!pnp || pnp.currentState === ReaderEventCounter.COUNTER) return this.inner.getStatusChange(context, queries, timeoutMs);
    const states = await this.now(context, queries);
    return succeed(
      states.map((state) => (state.reader === PNP_NOTIFICATION_READER ? { ...state, eventState: ReaderEventCounter.COUNTER | SCARD_STATE_CHANGED } : state)),
    );
  }
}

/** Answers every wait at once with "changed" and exactly the states the caller already believes. */
class AlwaysChanged extends CountingDriver {
  protected async answer(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    if (timeoutMs === 0) return this.inner.getStatusChange(context, queries, 0);
    const states = await this.now(context, queries);
    return succeed(states.map((state) => ({ ...state, eventState: state.eventState | SCARD_STATE_CHANGED })));
  }
}

function window(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
}

describe('the reader monitor never asks again at once when nothing changed', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function monitorWith(driver: CountingDriver): Promise<Pcsc> {
    const pcsc = await Pcsc.open({ driver, monitor: { pollMs: POLL_MS } });
    opened.push(pcsc);
    pcsc.monitor();
    return pcsc;
  }

  it.each([0, 2])('feeds back a PnP reader-event counter, then waits (%i readers)', async (readerCount) => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const slots = Array.from({ length: readerCount }, (_, i) => sim.addReader(`Reader ${i}`));
    const driver = new ReaderEventCounter(sim.driver());
    const pcsc = await monitorWith(driver);
    await window();
    expect(driver.calls).toBeLessThanOrEqual(FEW_CALLS);

    if (slots[0]) {
      const inserted = new Promise((resolve) => pcsc.once('card-inserted', resolve));
      slots[0].insert(appletCard());
      await expect(inserted).resolves.toMatchObject({ name: 'Reader 0 00 00' });
    }
  });

  it.each([0, 2])('pauses when the driver answers "changed" with nothing new (%i readers)', async (readerCount) => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    for (let i = 0; i < readerCount; i += 1) sim.addReader(`Reader ${i}`);
    const driver = new AlwaysChanged(sim.driver());
    await monitorWith(driver);
    await window();
    expect(driver.calls).toBeGreaterThan(0);
    expect(driver.calls).toBeLessThanOrEqual(FEW_CALLS);
  });
});
