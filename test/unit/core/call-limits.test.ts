import { Pcsc } from '../../../src/compose/pcsc';
import { startTimer } from '../../../src/core/deadline';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import type { ConnectResult, ContextId, Outcome, PcscDriver } from '../../../src/driver/pcsc-driver';
import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { AbortedError, ClosedError, TimeoutError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc, type SimulatedReaderSlot } from '../../../src/simulator';
import { appletCard, SELECT } from '../simulator/simulator-fixtures';

const READER = 'Reader A 00 00';

/** Holds every SCardConnect until `release()`, as pcscd does while another process holds a transaction. */
class HeldConnectDriver extends ForwardingDriver {
  private held: Array<() => void> = [];
  readonly disconnected: number[] = [];

  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    await new Promise<void>((resolve) => this.held.push(resolve));
    return this.inner.connect(context, reader, shareMode, protocols);
  }

  override disconnect(handle: number, disposition: number): Promise<number> {
    this.disconnected.push(handle);
    return this.inner.disconnect(handle, disposition);
  }

  release(): void {
    this.held.splice(0).forEach((resume) => resume());
  }
}

function settledWithin(promise: Promise<unknown>, turns: number): Promise<'settled' | 'pending'> {
  let state: 'settled' | 'pending' = 'pending';
  promise.then(
    () => (state = 'settled'),
    () => (state = 'settled'),
  );
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve(state);
      else setTimeout(() => step(left - 1), 5);
    };
    step(turns);
  });
}

describe('connect honours its signal and timeout', () => {
  let sim: SimulatedPcsc;
  const opened: Pcsc[] = [];
  beforeEach(() => {
    sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
  });
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function open(driver: PcscDriver = sim.driver()): Promise<Pcsc> {
    const pcsc = await Pcsc.open({ driver });
    opened.push(pcsc);
    return pcsc;
  }

  it('an already aborted signal rejects with AbortedError, the reason as cause, and connects nothing', async () => {
    const driver = new HeldConnectDriver(sim.driver());
    const pcsc = await open(driver);
    const reason = 'caller left';
    const connecting = pcsc.connect(READER, { signal: AbortSignal.abort(reason) });
    await expect(connecting).rejects.toBeInstanceOf(AbortedError);
    await expect(connecting).rejects.toMatchObject({ cause: reason });
    driver.release();
    expect(driver.disconnected).toEqual([]);
  });

  it('a signal that aborts while SCardConnect waits rejects at once and releases the late handle', async () => {
    const driver = new HeldConnectDriver(sim.driver());
    const pcsc = await open(driver);
    const controller = new AbortController();
    const connecting = pcsc.connect(READER, { signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await expect(connecting).rejects.toBeInstanceOf(AbortedError);
    driver.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(driver.disconnected).toHaveLength(1);
  });

  it("AbortSignal.timeout()'s reason becomes the library's TimeoutError", async () => {
    const driver = new HeldConnectDriver(sim.driver());
    const pcsc = await open(driver);
    const connecting = pcsc.connect(READER, { signal: AbortSignal.timeout(30) });
    await expect(connecting).rejects.toBeInstanceOf(TimeoutError);
    await expect(connecting).rejects.toMatchObject({ cause: expect.objectContaining({ name: 'TimeoutError' }) });
    driver.release();
  });

  it('timeout bounds the call with TimeoutError', async () => {
    const driver = new HeldConnectDriver(sim.driver());
    const pcsc = await open(driver);
    await expect(pcsc.connect(READER, { timeout: 30 })).rejects.toBeInstanceOf(TimeoutError);
    driver.release();
  });

  it('a connect within its timeout works', async () => {
    const pcsc = await open();
    const card = await pcsc.connect(READER, { timeout: 5000, signal: new AbortController().signal });
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
  });
});

describe('one timeout rule for every call', () => {
  let slot: SimulatedReaderSlot;
  let pcsc: Pcsc;
  beforeEach(async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    slot = sim.addReader('Reader A');
    pcsc = await Pcsc.open({ driver: sim.driver() });
  });
  afterEach(async () => {
    await pcsc.close();
  });

  it('waitForCard with a timeout past 2^31 - 1 ms waits instead of firing at once', async () => {
    const controller = new AbortController();
    const waiting = pcsc.waitForCard({ timeout: 2 ** 31, signal: controller.signal });
    expect(await settledWithin(waiting, 10)).toBe('pending');
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
  });

  it('Infinity means no limit', async () => {
    const controller = new AbortController();
    const waiting = pcsc.waitForCard({ timeout: Number.POSITIVE_INFINITY, signal: controller.signal });
    expect(await settledWithin(waiting, 10)).toBe('pending');
    slot.insert(appletCard());
    await expect(waiting).resolves.toMatchObject({ name: READER });
    const card = await pcsc.connect(READER, { timeout: Number.POSITIVE_INFINITY });
    expect((await card.transmit(SELECT, { timeout: Number.POSITIVE_INFINITY })).sw).toBe(0x9000);
  });

  it.each([
    ['waitForCard', -1, (p: Pcsc, timeout: number) => p.waitForCard({ timeout })],
    ['waitForCard', Number.NaN, (p: Pcsc, timeout: number) => p.waitForCard({ timeout })],
    ['connect', -1, (p: Pcsc, timeout: number) => p.connect(READER, { timeout })],
    ['connect', Number.NaN, (p: Pcsc, timeout: number) => p.connect(READER, { timeout })],
  ])('%s rejects timeout %p with InvalidArgumentError, never throws', async (_call, timeout, call) => {
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = call(pcsc, timeout);
    }).not.toThrow();
    await expect(result).rejects.toThrow(new InvalidArgumentError(`Expected \`timeout\` to be a non-negative number of milliseconds, got ${timeout}.`));
    await expect(result).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('transmit rejects a negative timeout with the same message', async () => {
    slot.insert(appletCard());
    const card = await pcsc.connect(READER);
    await expect(card.transmit(SELECT, { timeout: -1 })).rejects.toThrow('Expected `timeout` to be a non-negative number of milliseconds, got -1.');
  });

  it('waitForCard on a closed Pcsc rejects instead of throwing', async () => {
    await pcsc.close();
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = pcsc.waitForCard();
    }).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(ClosedError);
  });

  it('a string abort reason is an AbortedError with the string as cause', async () => {
    const waiting = pcsc.waitForCard({ signal: AbortSignal.abort('stop') });
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    await expect(waiting).rejects.toMatchObject({ cause: 'stop' });
  });
});

describe('startTimer', () => {
  afterEach(() => jest.useRealTimers());

  it('waits out a delay past the timer limit in steps', () => {
    jest.useFakeTimers();
    const fired = jest.fn();
    startTimer(2 ** 31 + 10, fired);
    jest.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(10);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled before its first step ends', () => {
    jest.useFakeTimers();
    const fired = jest.fn();
    const cancel = startTimer(2 ** 32, fired);
    cancel();
    jest.advanceTimersByTime(2 ** 32);
    expect(fired).not.toHaveBeenCalled();
  });
});
