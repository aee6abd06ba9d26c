import { AtrError } from '../../../src/atr/atr-error';
import { parseAtr } from '../../../src/atr/parse-atr';
import { formatHex } from '../../../src/apdu/hex';

const MIFARE_1K = '3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A';
const TYPE_B_NO_HISTORICAL = '3B 80 80 01 01';
const MULTIFLEX = '3B 02 14 50';
const IDPRIME_NET = '3B 16 96 41 73 74 72 69 64';
const SESAM_VITALE = '3F 65 25 00 2C 09 69 90 00';
const IDPRIME_MD = '3B 7F 96 00 00 80 31 80 65 B0 84 41 3D F6 12 0F FE 82 90 00';
const GSM_SIM_T15 = '3B 9E 96 80 1F C3 80 31 E0 73 FE 21 1B 66 D0 01 6C 04 0D 00 60';
const YUBIKEY_4 = '3B F8 13 00 00 81 31 FE 15 59 75 62 69 6B 65 79 34 D4';

describe('parseAtr', () => {
  it('reads a PC/SC contactless storage card ATR (MIFARE Classic 1K)', () => {
    const atr = parseAtr(MIFARE_1K);
    expect(atr.ts).toBe(0x3b);
    expect(atr.convention).toBe('direct');
    expect(atr.t0).toBe(0x8f);
    expect(atr.y1).toBe(0x8);
    expect(atr.k).toBe(15);
    expect(atr.groups).toEqual([
      { index: 1, ta: undefined, tb: undefined, tc: undefined, td: 0x80, protocol: undefined },
      { index: 2, ta: undefined, tb: undefined, tc: undefined, td: 0x01, protocol: 0 },
    ]);
    expect(formatHex(atr.historicalBytes)).toBe('80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00');
    expect(atr.tck).toBe(0x6a);
    expect(atr.tckRequired).toBe(true);
    expect(atr.tckValid).toBe(true);
    expect(atr.protocols).toEqual([0, 1]);
    expect(atr.extraBytes.length).toBe(0);
    expect(atr.specificMode).toBeUndefined();
    expect(atr.transmission).toEqual({ fi: 372, fMax: 5, di: 1, cyclesPerEtu: 372, maxBitRate: 13441, fromTa1: false });
  });

  it('reads 3B 80 80 01 01 (no historical bytes)', () => {
    const atr = parseAtr(TYPE_B_NO_HISTORICAL);
    expect(atr.k).toBe(0);
    expect(atr.historicalBytes.length).toBe(0);
    expect(atr.groups.map((g) => g.td)).toEqual([0x80, 0x01]);
    expect(atr.tck).toBe(0x01);
    expect(atr.tckValid).toBe(true);
    expect(atr.protocols).toEqual([0, 1]);
  });

  it('reads a T=0-only ATR without interface bytes: no TCK', () => {
    const atr = parseAtr(MULTIFLEX);
    expect(atr.groups).toEqual([]);
    expect(formatHex(atr.historicalBytes)).toBe('14 50');
    expect(atr.tck).toBeUndefined();
    expect(atr.tckRequired).toBe(false);
    expect(atr.tckValid).toBeUndefined();
    expect(atr.protocols).toEqual([0]);
  });

  it('reads TA1 of a T=0 card into Fi and Di', () => {
    const atr = parseAtr(IDPRIME_NET);
    expect(atr.groups).toEqual([{ index: 1, ta: 0x96, tb: undefined, tc: undefined, td: undefined, protocol: undefined }]);
    expect(atr.transmission).toEqual({ fi: 512, fMax: 5, di: 32, cyclesPerEtu: 16, maxBitRate: 312500, fromTa1: true });
    expect(atr.tck).toBeUndefined();
    expect(atr.protocols).toEqual([0]);
  });

  it('reads TA1, TB1, TC1 of a T=0 card', () => {
    const atr = parseAtr(IDPRIME_MD);
    expect(atr.groups).toEqual([{ index: 1, ta: 0x96, tb: 0x00, tc: 0x00, td: undefined, protocol: undefined }]);
    expect(atr.k).toBe(15);
    expect(atr.tck).toBeUndefined();
  });

  it('reads the inverse convention', () => {
    const atr = parseAtr(SESAM_VITALE);
    expect(atr.convention).toBe('inverse');
    expect(atr.groups).toEqual([{ index: 1, ta: undefined, tb: 0x25, tc: 0x00, td: undefined, protocol: undefined }]);
    expect(formatHex(atr.historicalBytes)).toBe('2C 09 69 90 00');
  });

  it('requires a TCK for T=15 and groups global bytes under i = 3', () => {
    const atr = parseAtr(GSM_SIM_T15);
    expect(atr.groups.map((g) => [g.index, g.ta, g.td, g.protocol])).toEqual([
      [1, 0x96, 0x80, undefined],
      [2, undefined, 0x1f, 0],
      [3, 0xc3, undefined, 15],
    ]);
    expect(atr.protocols).toEqual([0]);
    expect(atr.tckRequired).toBe(true);
    expect(atr.tckValid).toBe(true);
  });

  it('reads T=1 interface bytes (YubiKey 4)', () => {
    const atr = parseAtr(YUBIKEY_4);
    expect(atr.groups.map((g) => [g.index, g.ta, g.tb, g.tc, g.td, g.protocol])).toEqual([
      [1, 0x13, 0x00, 0x00, 0x81, undefined],
      [2, undefined, undefined, undefined, 0x31, 1],
      [3, 0xfe, 0x15, undefined, undefined, 1],
    ]);
    expect(atr.protocols).toEqual([1]);
    expect(atr.transmission.fi).toBe(372);
    expect(atr.transmission.di).toBe(4);
    expect(atr.tckValid).toBe(true);
  });

  it('reports a wrong TCK without throwing', () => {
    const atr = parseAtr('3B 80 80 01 02');
    expect(atr.tck).toBe(0x02);
    expect(atr.tckValid).toBe(false);
  });

  it('keeps bytes after the end of the ATR as extraBytes', () => {
    const atr = parseAtr('3B 80 80 01 01 01');
    expect(atr.tckValid).toBe(true);
    expect(formatHex(atr.extraBytes)).toBe('01');
    expect(atr.bytes.length).toBe(6);
  });

  it('reads TA2 as the specific mode', () => {
    const atr = parseAtr('3B 90 91 11 91 81');
    expect(atr.specificMode).toEqual({ protocol: 1, canChangeMode: false, implicitParameters: true });
    expect(atr.transmission).toMatchObject({ fi: 512, di: 1, fromTa1: true });
    expect(atr.tckValid).toBe(true);
    expect(parseAtr('3B 80 10 01 00').specificMode).toEqual({ protocol: 1, canChangeMode: true, implicitParameters: false });
  });

  it('lists each protocol once, in TDi order', () => {
    const atr = parseAtr('3B 80 81 80 01 00');
    expect(atr.protocols).toEqual([1, 0]);
  });

  it('leaves Fi and Di undefined for reserved TA1 values', () => {
    const atr = parseAtr('3B 10 7A');
    expect(atr.transmission).toEqual({ fi: undefined, fMax: undefined, di: undefined, cyclesPerEtu: undefined, maxBitRate: undefined, fromTa1: true });
  });

  it('accepts bytes, number[] and compact or lower-case hex', () => {
    const fromBytes = parseAtr(Uint8Array.of(0x3b, 0x02, 0x14, 0x50));
    const fromArray = parseAtr([0x3b, 0x02, 0x14, 0x50]);
    const fromHex = parseAtr('3b021450');
    expect(fromArray).toEqual(fromBytes);
    expect(fromHex).toEqual(fromBytes);
  });

  it.each([
    ['', /empty/],
    ['3B', /T0 is missing/],
    ['3C 00', /TS is 3C/],
    ['03 00', /TS is 03/],
    ['3B 02 14', /truncated: T0 announces 2 historical bytes.*1 missing/],
    ['3B 80 80', /truncated: TD2 is announced/],
    ['3B 80 80 01', /TCK must follow/],
    ['3B F0 11 22', /TC1 is announced/],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00', /TCK must follow/],
  ])('rejects %p', (hex, message) => {
    expect(() => parseAtr(hex)).toThrow(AtrError);
    expect(() => parseAtr(hex)).toThrow(message);
  });

  it('rejects bad input types, hex and byte values with AtrError', () => {
    expect(() => parseAtr('3B 0')).toThrow(AtrError);
    expect(() => parseAtr('3B XY')).toThrow(AtrError);
    expect(() => parseAtr([0x3b, 256])).toThrow(/byte 1 is 256/);
    expect(() => parseAtr(42 as unknown as string)).toThrow(AtrError);
  });

  it('AtrError has its own name', () => {
    const error = new AtrError('x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AtrError');
  });
});
