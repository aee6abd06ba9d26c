import {
  BinStringToHexList,
  COMMA,
  HEX,
  HexListToBinString,
  PACK,
  UPPERCASE,
  bs2hl,
  hl2bs,
  padd,
  toASCIIBytes,
  toASCIIString,
  toBytes,
  toGSM3_38Bytes,
  toHexString,
} from '../../../src/pyscard';

const VALS = [0x3b, 0x65, 0x00, 0x00, 0x9c, 0x11, 0x01, 0x01, 0x03];

describe('smartcard.util', () => {
  it('toHexString follows the PACK, HEX, UPPERCASE and COMMA flags', () => {
    expect(toHexString(VALS)).toBe('3B 65 00 00 9C 11 01 01 03');
    expect(toHexString(VALS, COMMA)).toBe('3B, 65, 00, 00, 9C, 11, 01, 01, 03');
    expect(toHexString(VALS, HEX)).toBe('0x3B 0x65 0x00 0x00 0x9C 0x11 0x01 0x01 0x03');
    expect(toHexString(VALS, HEX | COMMA)).toBe('0x3B, 0x65, 0x00, 0x00, 0x9C, 0x11, 0x01, 0x01, 0x03');
    expect(toHexString(VALS, PACK)).toBe('3B6500009C11010103');
    expect(toHexString(VALS, HEX | UPPERCASE)).toBe('0X3B 0X65 0X00 0X00 0X9C 0X11 0X01 0X01 0X03');
    expect(toHexString(VALS, PACK | COMMA)).toBe('3B,65,00,00,9C,11,01,01,03');
    expect(toHexString(Uint8Array.from([0xde, 0xad]))).toBe('DE AD');
    expect(toHexString([-1, 256])).toBe('FF 00');
    expect(toHexString([])).toBe('');
  });

  it('toHexString rejects what is not a list of bytes', () => {
    expect(() => toHexString('3B' as unknown as number[])).toThrow(new TypeError('not a list of bytes'));
  });

  it('toBytes reads spaced, packed and irregular hex, dropping a trailing odd digit like PySCard', () => {
    expect(toBytes('3B 65 00 00 9C 11 01 01 03')).toEqual(VALS);
    expect(toBytes('3B6500009C11010103')).toEqual(VALS);
    expect(toBytes('3B6500   009C1101  0103')).toEqual(VALS);
    expect(toBytes('3b\t65\n00')).toEqual([0x3b, 0x65, 0x00]);
    expect(toBytes('3B6')).toEqual([0x3b]);
    expect(() => toBytes('3G')).toThrow(new TypeError('not a string representing a list of bytes'));
  });

  it('converts between text and bytes', () => {
    expect(toASCIIBytes('Number 101')).toEqual([78, 117, 109, 98, 101, 114, 32, 49, 48, 49]);
    expect(toASCIIString([0x4e, 0x75, 0x6d, 0x62, 0x65, 0x72, 0x20, 0x31, 0x30, 0x31])).toBe('Number 101');
    expect(toASCIIString([0x01, 0x20, 0x80, 0x7e, 0xf0])).toBe('. .~.');
    expect(HexListToBinString([78, 117, 109])).toBe('Num');
    expect(BinStringToHexList('Num')).toEqual([78, 117, 109]);
    expect(hl2bs([65])).toBe('A');
    expect(bs2hl('A')).toEqual([65]);
  });

  it('toGSM3_38Bytes maps the GSM 03.38 characters', () => {
    expect(toGSM3_38Bytes('@\u00f9Pascal')).toEqual([0, 6, 80, 97, 115, 99, 97, 108]);
    expect(toGSM3_38Bytes(Uint8Array.from([0x40, 0xe0]))).toEqual([0x00, 0x7f]);
    expect(() => toGSM3_38Bytes('\u20ac')).toThrow(RangeError);
  });

  it('padd pads in place up to the length, with FF or the given byte', () => {
    const list = [59, 101, 0, 0, 156, 17, 1, 1, 3];
    expect(padd(list, 12, '80')).toBe(list);
    expect(list).toEqual([59, 101, 0, 0, 156, 17, 1, 1, 3, 128, 128, 128]);
    expect(padd([1], 3)).toEqual([1, 255, 255]);
    expect(padd([1, 2, 3], 2)).toEqual([1, 2, 3]);
  });
});
