import { Pcsc } from '../../../../src/compose/pcsc';
import { subscribeToReaders, type WatchEvent } from '../../../../src/cli/scan/reader-watcher';
import { SimulatedPcsc } from '../../../../src/simulator';
import { appletCard } from '../../simulator/simulator-fixtures';

describe('scan follows the core events', () => {
  it('reports insertions, removals and a service restart in order, without polling listReaders', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const slot = sim.addReader('Reader');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const listReaders = jest.spyOn(pcsc, 'listReaders');
    const stop = new AbortController();
    const seen: WatchEvent['type'][] = [];
    try {
      const watch = subscribeToReaders(pcsc, stop.signal);
      const followed = watch((event) => {
        seen.push(event.type);
        if (event.type === 'card-inserted') slot.remove();
        if (event.type === 'card-removed') sim.stopService();
        if (event.type === 'service-lost') sim.startService();
        if (event.type === 'service-restored') stop.abort();
      });
      // Settles once the monitor has looked at the readers: the insertion below is then an event.
      await pcsc.waitForCard({ reader: 'Not attached' }).catch(() => undefined);
      setTimeout(() => stop.abort(), 10_000).unref();
      slot.insert(appletCard());
      await followed;
    } finally {
      await pcsc.close();
    }
    expect(seen).toEqual(['card-inserted', 'card-removed', 'service-lost', 'service-restored']);
    expect(listReaders).not.toHaveBeenCalled();
  });
});
