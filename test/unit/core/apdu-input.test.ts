import { CommandApdu, MAX_COMMAND_LENGTH, toCommandBytes } from '../../../src/apdu/command-apdu';
import { formatHex, parseHexBytes } from '../../../src/apdu/hex';
import { ResponseApdu } from '../../../src/apdu/response-apdu';
import { ApduError } from '../../../src/errors/apdu-error';
import { SELECT } from '../../fixtures/seed';

describe('command APDU input', () => {
  it('accepts hex with or without spaces, bytes, arrays and CommandApdu alike', () => {
    const expected = [0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff];
    for (const input of [SELECT, '00a4040006a000000018ff', Uint8Array.from(expected), expected, CommandApdu.fromHex('00A4040006A000000018FF')]) {
      expect([...toCommandBytes(input)]).toEqual(expected);
    }
  });

  it.each([
    ['odd-length hex', '00 A4 0'],
    ['non-hex characters', '00 A4 04 0G'],
    ['a byte above 255', [0, 0xa4, 4, 256]],
    ['a negative byte', [0, 0xa4, 4, -1]],
    ['a fractional byte', [0, 0xa4, 4, 1.5]],
    ['fewer than 4 bytes', '00 A4 04'],
    ['an empty string', ''],
    ['more than 65544 bytes', new Uint8Array(MAX_COMMAND_LENGTH + 1)],
    ['a number', 42 as unknown as string],
    ['null', null as unknown as string],
  ])('rejects %s with ApduError', (_label, input) => {
    expect(() => toCommandBytes(input as Parameters<typeof toCommandBytes>[0])).toThrow(ApduError);
  });

  it('accepts the longest extended APDU', () => {
    expect(toCommandBytes(new Uint8Array(MAX_COMMAND_LENGTH)).length).toBe(MAX_COMMAND_LENGTH);
  });

  it('formats and parses hex symmetrically', () => {
    expect(formatHex(parseHexBytes('3b:80:80:01:01'))).toBe('3B 80 80 01 01');
  });
});

describe('ResponseApdu', () => {
  it('splits data and status word', () => {
    const response = new ResponseApdu(Uint8Array.from([1, 2, 3, 0x90, 0x00]));
    expect([...response.data]).toEqual([1, 2, 3]);
    expect(response.sw1).toBe(0x90);
    expect(response.sw2).toBe(0x00);
    expect(response.sw).toBe(0x9000);
    expect(response.ok).toBe(true);
    expect(new ResponseApdu(Uint8Array.from([0x69, 0x85])).ok).toBe(false);
  });
});
