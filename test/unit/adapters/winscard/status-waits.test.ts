/**
 * StatusWaits over a fake library: a long wait is a row of short SCardGetStatusChange slices that
 * keep the same current states, no more slices run at once than the pool slots allow, and
 * cancelling ends a wait whether its slice is running or still queued for a slot.
 */
import type { NativeHandle } from '../../../../src/adapters/winscard/native-calls';
import { PoolSlots } from '../../../../src/adapters/winscard/pool-slots';
import { StatusWaits, WAIT_SLICE_MS, type WaitCalls } from '../../../../src/adapters/winscard/status-waits';
import { type Outcome, type ReaderStateQuery, type ReaderStateResult, fail, succeed } from '../../../../src/driver/pcsc-driver';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_INFINITE, SCARD_STATE_CHANGED, SCARD_STATE_EMPTY, SCARD_STATE_PRESENT } from '../../../../src/driver/scard-constants';

const QUERY: readonly ReaderStateQuery[] = [{ reader: 'Reader 0', currentState: SCARD_STATE_PRESENT }];

/** A library whose waits time out after their timeout, end at SCardCancel, or end when the card goes. */
class FakeLibrary implements WaitCalls {
  readonly timeouts: number[] = [];
  readonly seenStates: number[] = [];
  cancels = 0;
  running = 0;
  mostAtOnce = 0;
  private readonly enders = new Set<(outcome: Outcome<readonly ReaderStateResult[]>) => void>();

  async establishContext(): Promise<Outcome<NativeHandle>> {
    return succeed(7);
  }

  async releaseContext(): Promise<number> {
    return rc.SCARD_S_SUCCESS;
  }

  async cancel(): Promise<number> {
    this.cancels++;
    this.endAll(fail(rc.SCARD_E_CANCELLED));
    return rc.SCARD_S_SUCCESS;
  }

  getStatusChange(_context: NativeHandle, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    this.timeouts.push(timeoutMs);
    this.seenStates.push(queries[0]!.currentState);
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    return new Promise((resolve) => {
      const end = (outcome: Outcome<readonly ReaderStateResult[]>): void => {
        clearTimeout(timer);
        this.enders.delete(end);
        this.running--;
        resolve(outcome);
      };
      const timer = setTimeout(() => end(fail(rc.SCARD_E_TIMEOUT)), timeoutMs);
      this.enders.add(end);
    });
  }

  removeCard(): void {
    this.endAll(
      succeed([{ reader: 'Reader 0', currentState: SCARD_STATE_PRESENT, eventState: SCARD_STATE_EMPTY | SCARD_STATE_CHANGED, atr: new Uint8Array(0) }]),
    );
  }

  private endAll(outcome: Outcome<readonly ReaderStateResult[]>): void {
    for (const end of [...this.enders]) end(outcome);
  }
}

describe('StatusWaits', () => {
  it('cuts a wait longer than a slice into slices with the same current states, and times out', async () => {
    const library = new FakeLibrary();
    const waits = new StatusWaits(library, new PoolSlots(2));
    const outcome = await waits.wait(QUERY, 2 * WAIT_SLICE_MS + 50);
    expect(outcome.rc).toBe(rc.SCARD_E_TIMEOUT);
    expect(library.timeouts.length).toBeGreaterThanOrEqual(3);
    expect(library.timeouts.every((timeout) => timeout <= WAIT_SLICE_MS)).toBe(true);
    expect(new Set(library.seenStates)).toEqual(new Set([SCARD_STATE_PRESENT]));
  });

  it('answers the change a slice reports', async () => {
    const library = new FakeLibrary();
    const waits = new StatusWaits(library, new PoolSlots(2));
    const pending = waits.wait(QUERY, SCARD_INFINITE);
    await new Promise((resolve) => setTimeout(resolve, 10));
    library.removeCard();
    const outcome = await pending;
    expect(outcome.ok && outcome.value[0]!.eventState).toBe(SCARD_STATE_EMPTY | SCARD_STATE_CHANGED);
  });

  it('runs no more slices at once than it has slots, and cancel ends the running and the queued waits', async () => {
    const library = new FakeLibrary();
    const waits = new StatusWaits(library, new PoolSlots(1));
    const pending = [waits.wait(QUERY, SCARD_INFINITE), waits.wait(QUERY, SCARD_INFINITE), waits.wait(QUERY, SCARD_INFINITE)];
    await new Promise((resolve) => setTimeout(resolve, WAIT_SLICE_MS + 50));
    expect(library.mostAtOnce).toBe(1);
    await waits.cancel();
    expect((await Promise.all(pending)).map((outcome) => outcome.rc)).toEqual([rc.SCARD_E_CANCELLED, rc.SCARD_E_CANCELLED, rc.SCARD_E_CANCELLED]);
    expect(library.cancels).toBeGreaterThanOrEqual(1);
    expect(library.running).toBe(0);
  });

  it('a closed StatusWaits answers every later wait with SCARD_E_CANCELLED', async () => {
    const library = new FakeLibrary();
    const waits = new StatusWaits(library, new PoolSlots(1));
    await waits.close();
    expect((await waits.wait(QUERY, SCARD_INFINITE)).rc).toBe(rc.SCARD_E_CANCELLED);
    expect(library.timeouts).toEqual([]);
  });
});
