import { ContextCalls } from '../../../../src/adapters/smartcard/context-calls';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A thread-pool call the test ends by hand. */
function poolCall(): { promise: Promise<string>; end: (value: string) => void } {
  let end: (value: string) => void = () => undefined;
  const promise = new Promise<string>((resolve) => (end = resolve));
  return { promise, end };
}

/** Records when a thread-pool call begins and ends. */
async function track(order: string[], name: string, call: Promise<string>): Promise<string> {
  order.push(`${name} begins`);
  const value = await call;
  order.push(`${name} ends`);
  return value;
}

describe('ContextCalls (smartcard adapter)', () => {
  it('runs a main-thread call only once no thread-pool call is running on the context', async () => {
    const calls = new ContextCalls();
    const transmit = poolCall();
    const order: string[] = [];
    const running = calls.background(() => track(order, 'transmit', transmit.promise));
    const listed = calls.foreground(() => order.push('list readers'));
    await settle();
    expect(order).toEqual(['transmit begins']);
    transmit.end('answer');
    await Promise.all([running, listed]);
    expect(order).toEqual(['transmit begins', 'transmit ends', 'list readers']);
  });

  it('queues a thread-pool call that arrives while a main-thread call waits, so the latter cannot starve', async () => {
    const calls = new ContextCalls();
    const first = poolCall();
    const order: string[] = [];
    const a = calls.background(() => track(order, 'first transmit', first.promise));
    const status = calls.foreground(() => order.push('status'));
    const b = calls.background(() => track(order, 'second transmit', Promise.resolve('answer')));
    await settle();
    expect(order).toEqual(['first transmit begins']);
    first.end('answer');
    await Promise.all([a, status, b]);
    expect(order).toEqual(['first transmit begins', 'first transmit ends', 'status', 'second transmit begins', 'second transmit ends']);
  });

  it('runs thread-pool calls side by side and main-thread calls one after another', async () => {
    const calls = new ContextCalls();
    const x = poolCall();
    const y = poolCall();
    const both = Promise.all([calls.background(() => x.promise), calls.background(() => y.promise)]);
    y.end('y');
    x.end('x');
    await expect(both).resolves.toEqual(['x', 'y']);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => calls.foreground(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('a failing main-thread call rejects its caller only', async () => {
    const calls = new ContextCalls();
    const failing = calls.foreground(() => {
      throw new Error('SCardListReaders failed');
    });
    const next = calls.foreground(() => 'next');
    await expect(failing).rejects.toThrow('SCardListReaders failed');
    await expect(next).resolves.toBe('next');
  });

  it('repeats the native cancel until a wait that had not begun yet has ended, and marks it cancelled', async () => {
    const calls = new ContextCalls();
    const wait = poolCall();
    const pending = calls.wait(() => wait.promise);
    let cancels = 0;
    // The native cancel is a no-op until the wait has really begun: here, the third attempt ends it.
    await calls.cancelWaits(() => {
      cancels++;
      if (cancels === 3) wait.end('cancelled natively');
    });
    expect(cancels).toBe(3);
    await expect(pending).resolves.toEqual({ cancelled: true, value: 'cancelled natively' });
  });

  it('does not call the native cancel when no wait is outstanding, and later waits are not cancelled', async () => {
    const calls = new ContextCalls();
    let cancels = 0;
    await calls.cancelWaits(() => cancels++);
    expect(cancels).toBe(0);
    await expect(calls.wait(async () => 'changed')).resolves.toEqual({ cancelled: false, value: 'changed' });
  });

  it('keeps cancelling when the native cancel throws (the context died) until the wait ends', async () => {
    const calls = new ContextCalls();
    const wait = poolCall();
    const pending = calls.wait(() => wait.promise);
    let attempts = 0;
    await calls.cancelWaits(() => {
      attempts++;
      if (attempts === 2) wait.end('service gone');
      throw new Error('SCARD_E_NO_SERVICE');
    });
    expect(attempts).toBe(2);
    await expect(pending).resolves.toMatchObject({ cancelled: true });
  });

  it('on a card’s own context runs thread-pool calls one at a time, and tells whether it went idle in time', async () => {
    const calls = new ContextCalls(true);
    const first = poolCall();
    const order: string[] = [];
    const one = calls.background(() => track(order, 'first', first.promise));
    const two = calls.background(() => track(order, 'second', Promise.resolve('b')));
    await settle();
    expect(order).toEqual(['first begins']);
    expect(await calls.idleWithin(20)).toBe(false);
    const idle = calls.idleWithin(5000);
    first.end('a');
    expect(await Promise.all([one, two, idle])).toEqual(['a', 'b', true]);
    expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
  });
});
