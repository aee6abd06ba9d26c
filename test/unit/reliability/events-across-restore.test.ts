/**
 * After the service comes back, the reader monitor compares what it knew before the loss with
 * what it finds and emits every difference, also when it had seen nothing yet.
 */
import { Pcsc } from '../../../src/compose/pcsc';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

const fast = { minDelayMs: 5, maxDelayMs: 20 };

function recorder(pcsc: Pcsc): { readonly seen: string[]; until(entry: string): Promise<void> } {
  const seen: string[] = [];
  const waiters = new Map<string, () => void>();
  const add = (entry: string): void => {
    seen.push(entry);
    waiters.get(entry)?.();
  };
  pcsc.on('reader-attached', (reader) => add(`reader-attached ${reader.name}`));
  pcsc.on('reader-detached', (reader) => add(`reader-detached ${reader.name}`));
  pcsc.on('card-inserted', (reader) => add(`card-inserted ${reader.name}`));
  pcsc.on('card-removed', (reader) => add(`card-removed ${reader.name}`));
  return {
    seen,
    until: (entry) => (seen.includes(entry) ? Promise.resolve() : new Promise((resolve) => waiters.set(entry, resolve))),
  };
}

describe('events across a service restore on the simulator', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  it('opened while the service is down, back with a card present: reader-attached and card-inserted', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader').insert(appletCard());
    sim.stopService();
    const pcsc = await Pcsc.open({ driver: sim.driver(), recovery: fast });
    opened.push(pcsc);
    const events = recorder(pcsc);
    const restored = new Promise<void>((resolve) => pcsc.once('service-restored', resolve));
    sim.startService();
    await restored;
    await events.until('card-inserted Reader 00 00');
    expect(events.seen).toEqual(['reader-attached Reader 00 00', 'card-inserted Reader 00 00']);
  });

  it('waitForCard for a named reader during the outage waits for the service instead of calling the reader unknown', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader').insert(appletCard());
    sim.stopService();
    const pcsc = await Pcsc.open({ driver: sim.driver(), recovery: fast });
    opened.push(pcsc);
    pcsc.monitor();
    const waiting = pcsc.waitForCard({ reader: 'Reader 00 00' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.startService();
    await expect(waiting).resolves.toMatchObject({ name: 'Reader 00 00' });
  });

  it('started with no reader, back with one: reader-attached', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const pcsc = await Pcsc.open({ driver: sim.driver(), recovery: fast });
    opened.push(pcsc);
    const events = recorder(pcsc);
    await pcsc.waitForCard({ timeout: 50 }).catch(() => undefined);
    const lost = new Promise<void>((resolve) => pcsc.once('service-lost', () => resolve()));
    sim.stopService();
    await lost;
    sim.addReader('Reader');
    sim.startService();
    await events.until('reader-attached Reader 00 00');
    expect(events.seen).toEqual(['reader-attached Reader 00 00']);
  });
});
