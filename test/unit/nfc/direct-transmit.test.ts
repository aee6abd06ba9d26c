import { NTAG_LAYOUTS, READER_PROFILES, ReaderNotSupportedError } from '../../../src/nfc';
import { virtualType2Tag, type Type2Model } from '../../../src/testing';
import { simulatedTag } from './sim-tag';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('ACR122U direct transmit and the NTAG model from GET_VERSION', () => {
  it.each([false, true])(
    'passes a PN532 frame to the tag (old firmware answering 61 xx: %s), fetching the answer with GET RESPONSE',
    async (responseBySw61) => {
      const card = virtualType2Tag('ntag215', { responseBySw61 });
      const { tag, close } = await simulatedTag(card);
      try {
        expect(hex(await tag.directTransmit(Uint8Array.of(0xd4, 0x42, 0x60)))).toBe('d54300' + '0004040201001103');
        expect(hex(await tag.directTransmit(Uint8Array.of(0xd4, 0x40, 0x01, 0x30, 0x03)))).toBe('d54100' + hex(card.chip.pages(3, 4)));
        const sent = card.log.map((entry) => hex(entry.command));
        expect(sent[0]).toBe('ff00000003d44260');
        if (responseBySw61) {
          expect(hex(card.log[0]!.response)).toBe('610b');
          expect(sent[1]).toBe('ffc000000b');
        } else {
          expect(sent).toHaveLength(2);
        }
      } finally {
        await close();
      }
    },
  );

  it.each(['ntag213', 'ntag215', 'ntag216'] as const)(
    'tells an %s from GET_VERSION on an ACR122U, even with a CC that says otherwise',
    async (model: Type2Model) => {
      const card = virtualType2Tag(model);
      card.chip.memory[14] = 0x06; // a CC size byte no NTAG ships with
      const { tag, close } = await simulatedTag(card);
      try {
        expect(await tag.ntagModel()).toEqual({ layout: NTAG_LAYOUTS[model as 'ntag213'], source: 'get-version' });
      } finally {
        await close();
      }
    },
  );

  it('falls back to the CC size where the reader has no pass-through, and sends it no direct transmit', async () => {
    const card = virtualType2Tag('ntag216', { style: 'generic' });
    const { tag, close } = await simulatedTag(card, 'Generic Contactless Reader');
    try {
      expect(await tag.ntagModel()).toEqual({ layout: NTAG_LAYOUTS.ntag216, source: 'capability-container' });
      expect(card.log.some((entry) => entry.command[1] === 0x00)).toBe(false);
      await expect(tag.directTransmit(Uint8Array.of(0xd4, 0x42, 0x60))).rejects.toThrow(ReaderNotSupportedError);
    } finally {
      await close();
    }
  });

  it('falls back to the CC when the ACS reader has no PN532, and gives no model for an Ultralight', async () => {
    const ntag = virtualType2Tag('ntag213', { style: 'generic' });
    const a = await simulatedTag(ntag, 'ACS ACR1252 Dual Reader PICC', { profile: READER_PROFILES.acs });
    try {
      expect((await a.tag.ntagModel())?.source).toBe('capability-container');
    } finally {
      await a.close();
    }
    const ultralight = await simulatedTag(virtualType2Tag('ultralight'));
    try {
      expect(await ultralight.tag.ntagModel()).toBeUndefined();
    } finally {
      await ultralight.close();
    }
  });
});
