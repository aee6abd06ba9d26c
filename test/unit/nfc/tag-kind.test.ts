import { identifyTag } from '../../../src/nfc';
import { storageCardAtr, iso14443_4Atr } from '../../../src/testing';

describe('identifyTag', () => {
  it.each([
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A', 'mifare-classic-1k', 'iso14443a'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 02 00 00 00 00 69', 'mifare-classic-4k', 'iso14443a'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 03 00 00 00 00 68', 'mifare-ultralight', 'iso14443a'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 3A 00 00 00 00 51', 'mifare-ultralight-c', 'iso14443a'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 11 00 3B 00 00 00 00 42', 'felica', 'felica'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 F0 04 00 00 00 00 9F', 'topaz', 'iso14443a'],
  ])('reads the Part 3 storage-card ATR %s as %s', (atr, kind, standard) => {
    const identity = identifyTag(atr);
    expect(identity).toMatchObject({ kind, standard, storage: true });
  });

  it('reads an ISO 14443-4 ATR (DESFire ATS historical byte 80) as iso14443-4 with its historical bytes', () => {
    const identity = identifyTag('3B 81 80 01 80 80');
    expect(identity.kind).toBe('iso14443-4');
    expect(Array.from(identity.historicalBytes)).toEqual([0x80]);
  });

  it('names an unknown storage card by its card-name bytes', () => {
    expect(identifyTag(storageCardAtr(0x03, 0x0099))).toMatchObject({ kind: 'storage-card', name: 'Storage card 0099', cardName: 0x99 });
  });

  it('builds the ATRs a reader reports (TCKs as pcsc-tools lists them)', () => {
    expect(Buffer.from(storageCardAtr(0x03, 0x0001)).toString('hex')).toBe('3b8f8001804f0ca000000306030001000000006a');
    expect(Buffer.from(iso14443_4Atr([])).toString('hex')).toBe('3b80800101');
  });

  it('gives a contact card kind unknown', () => {
    expect(identifyTag('3B 02 14 50').kind).toBe('unknown');
  });
});
