import { CardMonitor, CardObserver, ReaderMonitor, ReaderObserver, type Card, type CardChanges, type Reader, type ReaderChanges } from '../../../src/pyscard';
import { seedCardT0 } from '../../parity/seed-card';
import { closeSimulatedFacade, simulatedFacade } from './simulated-facade';
import { until } from '../../fixtures/seed';

afterEach(closeSimulatedFacade);

describe('CardMonitor', () => {
  it('tells observers about cards present, inserted and removed', async () => {
    const { slot, readerName } = await simulatedFacade();
    const seen: string[] = [];
    class Printer extends CardObserver {
      override update(_monitor: CardMonitor, [added, removed]: CardChanges): void {
        seen.push(`+${added.map(String).join(',')} -${removed.map(String).join(',')}`);
      }
    }
    const monitor = new CardMonitor();
    const observer = new Printer();
    monitor.addObserver(observer);
    const card = `3B 65 00 00 9C 11 01 01 03 / ${readerName}`;
    await until(() => seen.length >= 2);
    slot.remove();
    await until(() => seen.length >= 3);
    slot.insert(seedCardT0());
    await until(() => seen.length >= 4);
    monitor.deleteObserver(observer);
    expect(seen).toEqual(['+ -', `+${card} -`, `+ -${card}`, `+${card} -`]);
    expect(monitor.cards.map((c: Card) => String(c))).toEqual([card]);
  });
});

describe('ReaderMonitor', () => {
  it('tells observers about readers attached and removed', async () => {
    const { sim, readerName } = await simulatedFacade();
    const seen: Array<[string[], string[]]> = [];
    class Printer extends ReaderObserver {
      override update(_monitor: ReaderMonitor, [added, removed]: ReaderChanges): void {
        seen.push([added.map((reader: Reader) => String(reader)), removed.map(String)]);
      }
    }
    const monitor = new ReaderMonitor({ period: 0.05 });
    const observer = new Printer();
    monitor.addObserver(observer);
    await until(() => seen.length >= 1);
    sim.addReader('Second Reader');
    await until(() => seen.length >= 2);
    sim.removeReader('Second Reader 01 00');
    await until(() => seen.length >= 3);
    monitor.deleteObserver(observer);
    expect(seen).toEqual([
      [[readerName], []],
      [['Second Reader 01 00'], []],
      [[], ['Second Reader 01 00']],
    ]);
  });
});
