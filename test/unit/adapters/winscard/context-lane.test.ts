/**
 * A native context's calls run one at a time; a call that never returns is given up by the call
 * that ends its owner (disconnect, release) after the settling bound, and the ending call itself
 * runs once the stuck one returns.
 */
import { ClosedError } from '../../../../src/errors/pcsc-error';
import { ContextLane } from '../../../../src/adapters/winscard/context-lane';

const BOUND_MS = 50;
const GIVEN_UP = new ClosedError('given up');

/** A native call that returns only when `answer` is called. */
function pendingCall(): { readonly call: () => Promise<number>; answer(code: number): void } {
  let answer: (code: number) => void = () => undefined;
  const promise = new Promise<number>((resolve) => (answer = resolve));
  return { call: () => promise, answer: (code) => answer(code) };
}

describe('ContextLane', () => {
  it('runs calls one at a time in order', async () => {
    const lane = new ContextLane(7, BOUND_MS);
    const order: string[] = [];
    const first = pendingCall();
    const one = lane.run({}, async () => {
      order.push('first');
      return first.call();
    });
    const two = lane.run({}, async (native) => {
      order.push(`second on ${native}`);
      return 0;
    });
    expect(lane.busy).toBe(true);
    first.answer(1);
    expect([await one, await two]).toEqual([1, 0]);
    expect(order).toEqual(['first', 'second on 7']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lane.busy).toBe(false);
  });

  it('a settling call past the bound gives up the owner’s stuck call with the error, then runs when it returns', async () => {
    const lane = new ContextLane(7, BOUND_MS);
    const handle = {};
    const stuck = pendingCall();
    const transmit = lane.run(handle, stuck.call);
    const queuedForHandle = lane.run(handle, async () => 5);
    let disconnected = false;
    const settled = await lane.settle(
      [handle],
      async () => {
        disconnected = true;
        return 0;
      },
      GIVEN_UP,
    );
    expect(settled).toBeUndefined();
    await expect(transmit).rejects.toBe(GIVEN_UP);
    await expect(queuedForHandle).rejects.toBe(GIVEN_UP);
    expect(lane.stuck).toBe(true);
    expect(disconnected).toBe(false);
    stuck.answer(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(disconnected).toBe(true);
    expect(lane.stuck).toBe(false);
    expect(lane.busy).toBe(false);
  });

  it('on a stuck lane a settling call returns at once; other owners’ calls keep waiting, not given up', async () => {
    const lane = new ContextLane(7, BOUND_MS);
    const handle = {};
    const other = {};
    const stuck = pendingCall();
    void lane.run(handle, stuck.call).catch(() => undefined);
    expect(await lane.settle([handle], async () => 0, GIVEN_UP)).toBeUndefined();
    const othersCall = lane.run(other, async () => 9);
    expect(await lane.settle([], async () => 0, GIVEN_UP)).toBeUndefined();
    stuck.answer(0);
    expect(await othersCall).toBe(9);
  });

  it('a settling call that returns within the bound gives its code and gives nobody up', async () => {
    const lane = new ContextLane(7, BOUND_MS);
    const handle = {};
    const slow = pendingCall();
    const transmit = lane.run(handle, slow.call);
    setTimeout(() => slow.answer(3), 5);
    expect(await lane.settle([handle], async () => 0, GIVEN_UP)).toBe(0);
    expect(await transmit).toBe(3);
  });

  it('cuts the native context’s connection when it gives a call up, and only then', async () => {
    let cuts = 0;
    const lane = new ContextLane(7, BOUND_MS, { cut: () => void cuts++ });
    expect(lane.cuttable).toBe(true);
    const quick = pendingCall();
    const answered = lane.run({}, quick.call);
    setTimeout(() => quick.answer(0), 5);
    expect(await lane.settle([], async () => 0, GIVEN_UP)).toBe(0);
    await answered;
    expect(cuts).toBe(0);
    const handle = {};
    const stuck = pendingCall();
    const transmit = lane.run(handle, stuck.call);
    expect(await lane.settle([handle], async () => 0, GIVEN_UP)).toBeUndefined();
    await expect(transmit).rejects.toBe(GIVEN_UP);
    expect(cuts).toBe(1);
    expect(new ContextLane(8, BOUND_MS).cuttable).toBe(false);
  });
});
