import { ApduError } from '../../../src/errors/apdu-error';
import { CommandApdu, toCommandBytes } from '../../../src/apdu/command-apdu';
import { formatHex } from '../../../src/apdu/hex';

const hexOf = (apdu: CommandApdu): string => formatHex(apdu.bytes);
const bytes = (length: number, fill = 0xab): number[] => new Array<number>(length).fill(fill);

describe('CommandApdu.build', () => {
  it('encodes case 1 as the header alone', () => {
    const apdu = CommandApdu.build({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00 });
    expect(hexOf(apdu)).toBe('00 A4 04 00');
    expect(apdu.case).toBe('1');
    expect(apdu.lc).toBe(0);
    expect(apdu.le).toBeUndefined();
    expect(apdu.data).toEqual(new Uint8Array(0));
    expect(apdu.isExtended).toBe(false);
  });

  it('encodes case 2S, with Le 256 as 00', () => {
    expect(hexOf(CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16 }))).toBe('00 B0 00 00 10');
    const max = CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 });
    expect(hexOf(max)).toBe('00 B0 00 00 00');
    expect(max.case).toBe('2S');
    expect(max.le).toBe(256);
  });

  it('encodes case 2E for Le above 256, with 65536 as 00 00 00', () => {
    const apdu = CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 });
    expect(hexOf(apdu)).toBe('00 B0 00 00 00 01 01');
    expect(apdu.case).toBe('2E');
    expect(apdu.isExtended).toBe(true);
    const max = CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 });
    expect(hexOf(max)).toBe('00 B0 00 00 00 00 00');
    expect(max.le).toBe(65536);
  });

  it('encodes case 3S from bytes, number[] or hex data', () => {
    const fromHex = CommandApdu.build({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: 'A0 00 00 00 18 FF' });
    expect(hexOf(fromHex)).toBe('00 A4 04 0C 06 A0 00 00 00 18 FF');
    expect(fromHex.case).toBe('3S');
    expect(fromHex.lc).toBe(6);
    expect(formatHex(fromHex.data)).toBe('A0 00 00 00 18 FF');
    const fromArray = CommandApdu.build({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: [0xa0, 0, 0, 0, 0x18, 0xff] });
    const fromBytes = CommandApdu.build({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: Uint8Array.of(0xa0, 0, 0, 0, 0x18, 0xff) });
    expect(fromArray.bytes).toEqual(fromHex.bytes);
    expect(fromBytes.bytes).toEqual(fromHex.bytes);
  });

  it('encodes case 3E when the data is longer than 255 bytes', () => {
    const apdu = CommandApdu.build({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: bytes(256) });
    expect(apdu.bytes.length).toBe(4 + 3 + 256);
    expect(formatHex(apdu.bytes.subarray(0, 7))).toBe('00 D6 00 00 00 01 00');
    expect(apdu.case).toBe('3E');
    expect(apdu.lc).toBe(256);
  });

  it('encodes case 4S, with Le 256 as 00', () => {
    const apdu = CommandApdu.build({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: 'A0 00 00 00 18 FF', le: 256 });
    expect(hexOf(apdu)).toBe('00 A4 04 00 06 A0 00 00 00 18 FF 00');
    expect(apdu.case).toBe('4S');
    expect(apdu.le).toBe(256);
  });

  it('encodes case 4E with a two-byte Le after the extended Lc', () => {
    const apdu = CommandApdu.build({ cla: 0x80, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: bytes(300), le: 65536 });
    expect(apdu.bytes.length).toBe(4 + 3 + 300 + 2);
    expect(formatHex(apdu.bytes.subarray(0, 7))).toBe('80 2A 9E 9A 00 01 2C');
    expect(formatHex(apdu.bytes.subarray(-2))).toBe('00 00');
    expect(apdu.case).toBe('4E');
    expect(apdu.le).toBe(65536);
    expect(apdu.lc).toBe(300);
  });

  it('goes extended for short data when Le needs it', () => {
    const apdu = CommandApdu.build({ cla: 0, ins: 0xca, p1: 0, p2: 0, data: [1], le: 1000 });
    expect(hexOf(apdu)).toBe('00 CA 00 00 00 00 01 01 03 E8');
    expect(apdu.case).toBe('4E');
  });

  it('uses extended fields when asked, even when short ones would do', () => {
    expect(hexOf(CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16, extended: true }))).toBe('00 B0 00 00 00 00 10');
    expect(hexOf(CommandApdu.build({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: [1, 2], extended: true }))).toBe('00 D6 00 00 00 00 02 01 02');
    expect(hexOf(CommandApdu.build({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: [1, 2], le: 256, extended: true }))).toBe('00 D6 00 00 00 00 02 01 02 01 00');
    expect(CommandApdu.build({ cla: 0, ins: 0x70, p1: 0, p2: 0, extended: true }).case).toBe('1');
  });

  it('rejects lengths that need extended fields when extended is false', () => {
    expect(() => CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257, extended: false })).toThrow(ApduError);
    expect(() => CommandApdu.build({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: bytes(256), extended: false })).toThrow(ApduError);
  });

  it.each([0, -1, 65537, 1.5, Number.NaN])('rejects Le %p', (le) => {
    expect(() => CommandApdu.build({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le })).toThrow(ApduError);
  });

  it('rejects header bytes outside 0..255 and bad data', () => {
    expect(() => CommandApdu.build({ cla: 256, ins: 0, p1: 0, p2: 0 })).toThrow('Expected `CLA` to be an integer from 0 to 255, got 256.');
    expect(() => CommandApdu.build({ cla: 0, ins: -1, p1: 0, p2: 0 })).toThrow('Expected `INS` to be an integer from 0 to 255, got -1.');
    expect(() => CommandApdu.build({ cla: 0, ins: 0, p1: 0.5, p2: 0 })).toThrow(/P1/);
    expect(() => CommandApdu.build({ cla: 0, ins: 0, p1: 0, p2: 0, data: [1, 300] })).toThrow(ApduError);
    expect(() => CommandApdu.build({ cla: 0, ins: 0, p1: 0, p2: 0, data: 'ABC' })).toThrow(/even number of hex digits/);
    expect(() => CommandApdu.build({ cla: 0, ins: 0, p1: 0, p2: 0, data: new Uint8Array(65536) })).toThrow(/65535/);
  });

  it('builds the longest command APDU (65544 bytes)', () => {
    const apdu = CommandApdu.build({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(65535), le: 65536 });
    expect(apdu.bytes.length).toBe(65544);
    expect(CommandApdu.parse(apdu.bytes).case).toBe('4E');
  });
});

describe('CommandApdu.parse', () => {
  it.each([
    ['00 A4 04 00', '1', 0, undefined, false],
    ['00 B0 00 00 00', '2S', 0, 256, false],
    ['00 B0 00 00 80', '2S', 0, 128, false],
    ['00 B0 00 00 00 00 00', '2E', 0, 65536, true],
    ['00 B0 00 00 00 01 00', '2E', 0, 256, true],
    ['00 A4 04 0C 02 3F 00', '3S', 2, undefined, false],
    ['00 A4 04 00 02 3F 00 00', '4S', 2, 256, false],
    ['00 A4 04 00 02 3F 00 20', '4S', 2, 32, false],
    ['00 D6 00 00 00 00 02 01 02', '3E', 2, undefined, true],
    ['00 D6 00 00 00 00 02 01 02 00 00', '4E', 2, 65536, true],
    ['00 D6 00 00 00 00 02 01 02 01 00', '4E', 2, 256, true],
  ] as const)('reads %s as case %s', (hex, apduCase, lc, le, extended) => {
    const apdu = CommandApdu.parse(hex);
    expect(apdu.case).toBe(apduCase);
    expect(apdu.lc).toBe(lc);
    expect(apdu.le).toBe(le);
    expect(apdu.isExtended).toBe(extended);
    expect(apdu.data.length).toBe(lc);
  });

  it('reads the data field', () => {
    expect(formatHex(CommandApdu.parse('00 A4 04 00 02 3F 00 00').data)).toBe('3F 00');
    expect(formatHex(CommandApdu.parse('00 D6 00 00 00 00 02 01 02 00 10').data)).toBe('01 02');
  });

  it('accepts bytes and number[] and keeps its own copy', () => {
    const input = Uint8Array.of(0, 0xa4, 4, 0, 1, 0x3f);
    const apdu = CommandApdu.parse(input);
    input[5] = 0;
    expect(formatHex(apdu.data)).toBe('3F');
    expect(CommandApdu.parse([0, 0xb0, 0, 0, 0x10]).le).toBe(16);
  });

  it.each([
    ['00 A4 04 00 06 A0 00 00', /Lc is 06 \(6 data bytes\) but 3 bytes follow/],
    ['00 A4 04 00 02 3F 00 00 00', /Lc is 02/],
    ['00 A4 04 00 00 01', /extended length field, which needs 3 bytes/],
    ['00 D6 00 00 00 00 00 01', /extended Lc is 0000/],
    ['00 D6 00 00 00 00 03 01 02', /extended Lc is 3 but 2 bytes follow/],
    ['00 D6 00 00 00 00 02 01 02 03', /extended Lc is 2 but 3 bytes follow/],
    ['00 A4 04', /at least 4 bytes/],
  ])('rejects %s', (hex, message) => {
    expect(() => CommandApdu.parse(hex)).toThrow(ApduError);
    expect(() => CommandApdu.parse(hex)).toThrow(message);
  });

  it('rejects bad byte values and odd hex', () => {
    expect(() => CommandApdu.parse([0, 0xa4, 4, 256])).toThrow(ApduError);
    expect(() => CommandApdu.parse('00 A4 04 0')).toThrow(ApduError);
    expect(() => CommandApdu.parse('00 A4 04 0G')).toThrow(ApduError);
  });

  it('round-trips what build produces', () => {
    for (const le of [undefined, 1, 255, 256, 257, 65535, 65536]) {
      for (const size of [0, 1, 255, 256]) {
        const built = CommandApdu.build({ cla: 0x80, ins: 0xca, p1: 1, p2: 2, data: new Uint8Array(size).fill(7), ...(le === undefined ? {} : { le }) });
        const parsed = CommandApdu.parse(built.bytes);
        expect([parsed.case, parsed.lc, parsed.le]).toEqual([built.case, size, le]);
      }
    }
  });
});

describe('CommandApdu.fromBytes / fromHex', () => {
  it('accepts any 4..65544-byte command, including proprietary layouts', () => {
    const apdu = CommandApdu.fromHex('FF CA 00 00 05 01');
    expect([apdu.cla, apdu.ins, apdu.p1, apdu.p2]).toEqual([0xff, 0xca, 0, 0]);
    expect(apdu.isWellFormed).toBe(false);
    expect(() => apdu.case).toThrow(ApduError);
    expect(() => apdu.le).toThrow(/Lc is 05/);
    expect(CommandApdu.fromBytes(new Uint8Array(65544)).bytes.length).toBe(65544);
  });

  it('decodes the case of well-formed commands on demand', () => {
    const apdu = CommandApdu.fromBytes([0, 0xb0, 0, 0, 0]);
    expect(apdu.isWellFormed).toBe(true);
    expect(apdu.case).toBe('2S');
    expect(apdu.le).toBe(256);
  });

  it('rejects wrong lengths, byte values and odd hex', () => {
    expect(() => CommandApdu.fromBytes([0, 1, 2])).toThrow(/at least 4 bytes/);
    expect(() => CommandApdu.fromBytes(new Uint8Array(65545))).toThrow(/at most 65544/);
    expect(() => CommandApdu.fromBytes([0, 1, 2, 256])).toThrow('Expected `APDU byte 3` to be an integer from 0 to 255, got 256.');
    expect(() => CommandApdu.fromBytes([0, 1, 2, -1])).toThrow(ApduError);
    expect(() => CommandApdu.fromBytes([0, 1, 2, 1.5])).toThrow(ApduError);
    expect(() => CommandApdu.fromHex('00 A4 04 0')).toThrow(/even number of hex digits/);
    expect(() => CommandApdu.fromHex('00 A4 04 ZZ')).toThrow(ApduError);
  });

  it('is not changed by later writes to the input', () => {
    const input = Uint8Array.of(0, 0xb0, 0, 0, 0x10);
    const apdu = CommandApdu.fromBytes(input);
    input[4] = 0x20;
    expect(apdu.le).toBe(16);
  });

  it('prints as hex', () => {
    expect(String(CommandApdu.fromHex('00a4040c'))).toBe('00 A4 04 0C');
  });
});

describe('CommandApdu.withLe', () => {
  it('replaces, adds and removes Le, keeping extended fields', () => {
    expect(hexOf(CommandApdu.parse('00 B0 00 00 10').withLe(8))).toBe('00 B0 00 00 08');
    expect(hexOf(CommandApdu.parse('00 A4 04 00 01 3F').withLe(256))).toBe('00 A4 04 00 01 3F 00');
    expect(hexOf(CommandApdu.parse('00 A4 04 00 01 3F 00').withLe(undefined))).toBe('00 A4 04 00 01 3F');
    expect(hexOf(CommandApdu.parse('00 B0 00 00 00 00 10').withLe(8))).toBe('00 B0 00 00 00 00 08');
  });
});

describe('toCommandBytes', () => {
  it('returns a Uint8Array as is and a CommandApdu as its bytes', () => {
    const raw = Uint8Array.of(0xff, 0xca, 0, 0, 5, 1);
    expect(toCommandBytes(raw)).toBe(raw);
    const apdu = CommandApdu.fromHex('00 B0 00 00 10');
    expect(toCommandBytes(apdu)).toBe(apdu.bytes);
  });

  it('does not check length fields', () => {
    expect(formatHex(toCommandBytes('FF CA 00 00 05 01'))).toBe('FF CA 00 00 05 01');
  });

  it('checks length, byte values and types', () => {
    expect(formatHex(toCommandBytes([0, 0xa4, 4, 0]))).toBe('00 A4 04 00');
    expect(() => toCommandBytes('00 A4')).toThrow(ApduError);
    expect(() => toCommandBytes([0, 0xa4, 4, 999])).toThrow(ApduError);
    expect(() => toCommandBytes(new Uint8Array(65545))).toThrow(ApduError);
    expect(() => toCommandBytes(42 as unknown as string)).toThrow(/got 42\./);
    expect(() => toCommandBytes(null as unknown as string)).toThrow(/got null\./);
  });
});
