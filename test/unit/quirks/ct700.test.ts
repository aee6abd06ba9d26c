import { Pcsc } from '../../../src/compose/pcsc';
import type { QuirkNotice } from '../../../src/core/pcsc-events';
import { SimulatedPcsc } from '../../../src/simulator';
import { seedTestApplet } from '../../../src/testing/sample-cards';

const PINPAD = 'Gemalto USB GemPCPinpad SmartCard Reader';
const LATER = 'Gemalto PC Twin Reader';

describe('CT700 / GemPC Pinpad on simulator darwin-15', () => {
  async function plugPinpadThenAnotherReader(quirks: 'auto' | 'none') {
    const sim = new SimulatedPcsc({ personality: 'darwin-15' });
    sim.addReader(PINPAD);
    sim.addReader(LATER).insert(seedTestApplet());
    const app = await Pcsc.open({ driver: sim.driver(), quirks });
    const notices: QuirkNotice[] = [];
    app.on('quirk', (notice) => notices.push(notice));
    const readers = (await app.listReaders()).map((reader) => reader.name);
    await new Promise((resolve) => setImmediate(resolve));
    await app.close();
    return { readers, notices: [...notices, ...app.quirkNotices.filter((n) => !notices.includes(n))] };
  }

  it('with quirks, a quirk event names the pinpad and the fix; the reader after it is missing', async () => {
    const { readers, notices } = await plugPinpadThenAnotherReader('auto');
    expect(readers).not.toContain(LATER);
    const ct700 = notices.find((notice) => notice.quirk === 'ct700-breaks-pcsc');
    expect(ct700?.reader).toBe(PINPAD);
    expect(ct700?.message).toMatch(/CCID 1\.4\.22/);
  });

  it('without quirks the later reader is just as missing, with no word why', async () => {
    const { readers, notices } = await plugPinpadThenAnotherReader('none');
    expect(readers).not.toContain(LATER);
    expect(notices).toEqual([]);
  });
});
