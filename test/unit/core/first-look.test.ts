import { Pcsc } from '../../../src/compose/pcsc';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

describe("the monitor's first look", () => {
  it('reports no card already in its reader; waitForCard resolves at once for it, and a later insertion is reported', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader').insert(appletCard());
    const empty = sim.addReader('Empty');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const inserted: string[] = [];
      pcsc.on('card-inserted', (reader) => inserted.push(reader.name));
      await expect(pcsc.waitForCard({ reader: 'Reader 00 00', timeout: 5_000 })).resolves.toMatchObject({ name: 'Reader 00 00', state: 'present' });
      expect((await pcsc.listReaders()).map((reader) => [reader.name, reader.atr !== undefined])).toEqual([
        ['Reader 00 00', true],
        ['Empty 01 00', false],
      ]);

      empty.insert(appletCard());
      await pcsc.waitForCard({ reader: 'Empty 01 00', timeout: 5_000 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(inserted).toEqual(['Empty 01 00']);
    } finally {
      await pcsc.close();
    }
  });
});
