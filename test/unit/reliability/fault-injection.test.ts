import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { Pcsc } from '../../../src/compose/pcsc';
import type { Card } from '../../../src/core/card';
import { CardRemovedError, NoServiceError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard, SELECT, COMMAND } from '../simulator/simulator-fixtures';
import { faultCounts, malformedInput, random } from './fault-counts';

const counts = faultCounts({ resets: 100, restarts: 5, removals: 20, malformed: 2000 });
const READER = 'Soak Reader 00 00';

function setup(): { sim: SimulatedPcsc; card: ReturnType<typeof appletCard> } {
  const sim = new SimulatedPcsc({ idlePowerOffMs: false });
  const card = appletCard();
  sim.addReader('Soak Reader').insert(card);
  return { sim, card };
}

function isCounting(data: Uint8Array): boolean {
  return data.length === 14 && data.every((byte, i) => byte === i);
}

describe('fault injection on the simulator', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  it('resets by another application at random points: every answer is a true one', async () => {
    const { sim } = setup();
    const app = await Pcsc.open({ driver: sim.driver() });
    const other = await Pcsc.open({ driver: sim.driver() });
    const card = await app.connect(READER, { onReset: 'reconnect', restore: async (c) => void (await c.transmit(SELECT)) });
    await card.transmit(SELECT);
    const next = random();
    let resets = 0;
    let answered = 0;
    while (resets < counts.resets) {
      if (next() < 0.3) {
        await (await other.connect(READER)).disconnect('reset');
        resets += 1;
      }
      const answer = await card.transmit(COMMAND);
      expect(isCounting(answer.data)).toBe(true);
      answered += 1;
    }
    console.log(`simulator resets: ${resets} injected, ${answered} commands answered, 0 answered silently by a reset card`);
    await app.close();
    await other.close();
  });

  it('service stopped and started under load: no hang, recovery each time', async () => {
    const { sim } = setup();
    const pcsc = await Pcsc.open({ driver: sim.driver(), recovery: { minDelayMs: 1, maxDelayMs: 10 } });
    let restored = 0;
    pcsc.on('service-restored', () => void (restored += 1));
    pcsc.monitor();
    const next = random(7);
    let card: Card = await pcsc.connect(READER);
    await card.transmit(SELECT);
    let lostCalls = 0;
    let ok = 0;
    for (let restart = 0; restart < counts.restarts; restart += 1) {
      const stopAt = Math.floor(next() * 19);
      for (let i = 0; i < 20; i += 1) {
        if (i === stopAt) sim.stopService({ crash: next() < 0.5 });
        try {
          if (!card.isAlive) {
            card = await pcsc.connect(READER);
            await card.transmit(SELECT);
          }
          if (isCounting((await card.transmit(COMMAND)).data)) ok += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(NoServiceError);
          lostCalls += 1;
        }
      }
      if (!sim.running) sim.startService();
      await new Promise<void>((resolve) => (pcsc.serviceAvailable ? resolve() : pcsc.once('service-restored', () => resolve())));
    }
    console.log(`simulator restarts: ${counts.restarts} injected, ${restored} recoveries, ${ok} commands answered, ${lostCalls} NoServiceError, 0 hangs`);
    expect(restored).toBe(counts.restarts);
    await pcsc.close();
  });

  it('card removed and reinserted: CardRemovedError (or a typed error), then the loop resumes', async () => {
    const { sim, card: virtual } = setup();
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const slot = sim.readers[0];
    let removals = 0;
    let typed = 0;
    for (; removals < counts.removals; removals += 1) {
      const card = await pcsc.connect(READER);
      await card.transmit(SELECT);
      slot?.remove();
      const error = await card.transmit(COMMAND).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CardRemovedError);
      typed += 1;
      slot?.insert(virtual);
      await card.disconnect();
    }
    console.log(`simulator removals: ${removals} injected, ${typed} CardRemovedError, loop resumed each time`);
  });

  it('malformed inputs to transmit/connect/open are typed errors and never reach a card', async () => {
    const { sim, card: virtual } = setup();
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const card = await pcsc.connect(READER);
    const before = virtual.commandCount;
    const next = random(3);
    const junk = (): unknown => malformedInput(next);
    let typed = 0;
    for (let i = 0; i < counts.malformed; i += 1) {
      const kind = i % 3;
      const attempt =
        kind === 0
          ? card.transmit(junk() as string)
          : kind === 1
            ? pcsc.connect(READER, { share: (junk() ?? 'greedy') as 'shared', protocols: junk() as ['T0'] })
            : Pcsc.open({ driver: sim.driver(), isolation: junk() as 'worker', recovery: { minDelayMs: -1 - next() } });
      const error = await Promise.resolve(attempt).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof InvalidArgumentError)) throw new Error(`input ${i} gave ${String(error)}`);
      typed += 1;
    }
    expect(virtual.commandCount).toBe(before);
    console.log(`simulator malformed inputs: ${typed} typed errors, ${virtual.commandCount - before} reached the card`);
    await pcsc.close();
  });

  it('left no unhandled rejection behind', () => {
    expect(unhandled).toEqual([]);
  });
});
