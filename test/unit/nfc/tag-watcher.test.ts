import { Pcsc } from '../../../src';
import { watchTags, type TagEvent } from '../../../src/nfc';
import { SimulatedPcsc, virtualMifareClassic, virtualPhone, virtualType2Tag } from '../../../src/testing';

function nextTag(watcher: ReturnType<typeof watchTags>): Promise<TagEvent> {
  return new Promise((resolve) => watcher.once('tag', resolve));
}

describe('watchTags', () => {
  it('delivers reader, ATR, kind and UID for each tag and sends nothing but GET DATA', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('ACS ACR122U PICC Interface');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const watcher = watchTags(pcsc);
    try {
      const classic = virtualMifareClassic();
      let arrived = nextTag(watcher);
      slot.insert(classic);
      expect(await arrived).toMatchObject({ reader: 'ACS ACR122U PICC Interface 00 00', kind: 'mifare-classic-1k', uidHex: '04A23B51' });
      const removed = new Promise((resolve) => watcher.once('tag-removed', resolve));
      slot.remove();
      await removed;
      const phone = virtualPhone();
      arrived = nextTag(watcher);
      slot.insert(phone);
      expect(await arrived).toMatchObject({ kind: 'iso14443-4', uidHex: '085A1C7E' });
      expect(phone.chip.received).toEqual([]);
      expect(phone.log.map((e) => Buffer.from(e.command).toString('hex'))).toEqual(['ffca000000']);
    } finally {
      watcher.stop();
      await pcsc.close();
    }
  });

  it('sends nothing at all with readUid false, and yields tags as an async iterator', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const watcher = watchTags(pcsc, { readUid: false });
    const controller = new AbortController();
    try {
      const tag = virtualType2Tag('ntag216');
      const iterator = watcher.tags({ signal: controller.signal });
      const first = iterator.next();
      slot.insert(tag);
      const { value } = await first;
      expect(value).toMatchObject({ kind: 'mifare-ultralight', uid: undefined });
      expect(tag.log).toEqual([]);
      controller.abort();
      expect((await iterator.next()).done).toBe(true);
    } finally {
      watcher.stop();
      await pcsc.close();
    }
  });
});

describe('watchTags with tags already present', () => {
  it('reports a tag that was there before watching began, once', async () => {
    const sim = new SimulatedPcsc();
    sim.addReader('Reader').insert(virtualType2Tag('ntag213'));
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const watcher = watchTags(pcsc);
    const seen: TagEvent[] = [];
    watcher.on('tag', (event) => seen.push(event));
    try {
      await new Promise<void>((resolve) => watcher.once('tag', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.map((e) => e.uidHex)).toEqual(['04112233445566']);
    } finally {
      watcher.stop();
      await pcsc.close();
    }
  });
});
