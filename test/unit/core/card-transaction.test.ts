import { Pcsc } from '../../../src/compose/pcsc';
import type { Card } from '../../../src/core/card';
import { InvalidParameterError, UnsupportedFeatureError } from '../../../src/errors/pcsc-error';
import type { DriverCapabilities, PcscDriver } from '../../../src/driver/pcsc-driver';
import { CallLog } from '../../fixtures/call-log';
import { SimulatedPcsc } from '../../../src/simulator';
import type { VirtualCard } from '../../../src/testing/virtual-card';
import { appletCard, COMMAND, SELECT } from '../simulator/simulator-fixtures';

/** A driver like the npm bindings: no SCardBeginTransaction. */
class WithoutTransactions extends CallLog {
  override get capabilities(): DriverCapabilities {
    return { ...this.inner.capabilities, transactions: false };
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('card.transaction()', () => {
  const opened: Pcsc[] = [];
  let sim: SimulatedPcsc;
  let virtualCard: VirtualCard;

  beforeEach(() => {
    sim = new SimulatedPcsc({ idlePowerOffMs: false });
    virtualCard = appletCard();
    sim.addReader('Reader').insert(virtualCard);
  });

  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function open(driver: PcscDriver): Promise<Pcsc> {
    const pcsc = await Pcsc.open({ driver });
    opened.push(pcsc);
    return pcsc;
  }

  /** Runs a process-scope transaction on `holder` that stays open until `release` is called. */
  function holdTransaction(holder: Card, events: string[]) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const done = holder.transaction(
      async (card) => {
        events.push('tx start');
        await card.transmit(SELECT);
        await held;
        await card.transmit(COMMAND);
        events.push('tx end');
      },
      { scope: 'process' },
    );
    return { release, done };
  }

  it('uses SCardBeginTransaction / SCardEndTransaction where the driver has them (simulator)', async () => {
    const driver = new CallLog(sim.driver());
    const card = await (await open(driver)).connect('Reader 00 00');
    const result = await card.transaction(async (c) => (await c.transmit(SELECT)).sw);
    expect(result).toBe(0x9000);
    expect(driver.calls).toEqual(['begin', 'transmit', 'end']);
  });

  it('holds back another application on the simulator: its transaction begins only after ours ended', async () => {
    const card = await (await open(sim.driver())).connect('Reader 00 00');
    const other = await (await open(sim.driver())).connect('Reader 00 00');
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = card.transaction(async () => {
      events.push('first in');
      await held;
      events.push('first out');
    });
    await tick();
    const second = other.transaction(() => {
      events.push('second in');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  it('rejects with UnsupportedFeatureError naming the drivers that have transactions, before the body runs', async () => {
    const driver = new WithoutTransactions(sim.driver());
    const card = await (await open(driver)).connect('Reader 00 00');
    const body = jest.fn();
    const error = await card.transaction(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(error).toMatchObject({ codeName: 'SCARD_E_UNSUPPORTED_FEATURE', call: 'SCardBeginTransaction' });
    for (const name of ["'pcscd'", "'winscard'", "'simulated'", "{ scope: 'process' }"]) expect((error as Error).message).toContain(name);
    expect(body).not.toHaveBeenCalled();
    expect(driver.calls).toEqual([]);
  });

  it('refuses an unknown scope with InvalidParameterError', async () => {
    const card = await (await open(sim.driver())).connect('Reader 00 00');
    await expect(card.transaction(() => 1, { scope: 'machine' as 'process' })).rejects.toBeInstanceOf(InvalidParameterError);
  });

  it.each([
    ['without transactions', (s: SimulatedPcsc) => new WithoutTransactions(s.driver()), ['transmit', 'transmit', 'transmit']],
    ['with transactions', (s: SimulatedPcsc) => new CallLog(s.driver()), ['begin', 'transmit', 'transmit', 'end', 'transmit']],
  ])("{ scope: 'process' } on a driver %s makes other Cards of the same Pcsc and of a second Pcsc wait", async (_what, makeDriver, driverCalls) => {
    const driver = makeDriver(sim);
    const pcsc = await open(driver);
    const second = await open(makeDriver(sim));
    const holder = await pcsc.connect('Reader 00 00');
    const sibling = await pcsc.connect('Reader 00 00');
    const stranger = await second.connect('Reader 00 00');
    const events: string[] = [];
    const { release, done } = holdTransaction(holder, events);
    await tick();
    const siblingCall = sibling.transmit(COMMAND).then((response) => events.push(`sibling ${response.sw.toString(16)}`));
    const strangerCall = stranger.transmit(COMMAND).then((response) => events.push(`stranger ${response.sw.toString(16)}`));
    const strangerStatus = stranger.status().then(() => events.push('stranger status'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['tx start']);
    expect(virtualCard.log).toHaveLength(1);
    release();
    await Promise.all([done, siblingCall, strangerCall, strangerStatus]);
    expect(events.slice(0, 2)).toEqual(['tx start', 'tx end']);
    expect(events.slice(2).sort()).toEqual(['sibling 9000', 'stranger 9000', 'stranger status']);
    expect(driver.calls).toEqual(driverCalls);
  });

  it('lets the transaction body use its own card and nest transactions without waiting for itself', async () => {
    const card = await (await open(new WithoutTransactions(sim.driver()))).connect('Reader 00 00');
    const answer = await card.transaction(async (c) => c.transaction(async (inner) => (await inner.transmit(SELECT)).sw, { scope: 'process' }), {
      scope: 'process',
    });
    expect(answer).toBe(0x9000);
  });
});
