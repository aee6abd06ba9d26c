import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pcsc } from '../../../src/compose/pcsc';
import { SimulatedPcsc } from '../../../src/simulator';
import { VirtualCard } from '../../../src/testing/virtual-card';

const PAGE = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'testing-kit.md'), 'utf8');

/** The first ts block of docs/testing-kit.md. */
function testingKitSnippet(): string {
  const match = /```ts\n([\s\S]*?)```/.exec(PAGE);
  if (!match?.[1]) throw new Error('docs/testing-kit.md has no ts block');
  return match[1];
}

describe("docs/testing-kit.md's snippet", () => {
  it('connects to the reader name the simulator really lists for the reader it adds', async () => {
    const snippet = testingKitSnippet();
    const added = /sim\.addReader\('([^']+)'\)/.exec(snippet)?.[1];
    const connected = /\.connect\('([^']+)'\)/.exec(snippet)?.[1];
    expect(added).toBeDefined();
    expect(connected).toBeDefined();
    const sim = new SimulatedPcsc({ personality: 'linux' });
    sim.addReader(added as string).insert(new VirtualCard({ atr: '3B 80 80 01 01 01', respond: () => '90 00' }));
    const app = await Pcsc.open({ driver: sim.driver() });
    try {
      expect((await app.listReaders()).map((reader) => reader.name)).toContain(connected);
      const card = await app.connect(connected as string);
      expect((await card.transmit('00 A4 04 00 00')).sw).toBe(0x9000);
    } finally {
      await app.close();
    }
  });
});
