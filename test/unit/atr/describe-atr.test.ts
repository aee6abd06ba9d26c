import { describeAtr } from '../../../src/atr/describe-atr';
import { AtrError } from '../../../src/atr/atr-error';
import { parseAtr } from '../../../src/atr/parse-atr';

describe('describeAtr', () => {
  it('explains a PC/SC contactless ATR line by line', () => {
    expect(describeAtr('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A')).toEqual([
      'ATR: 3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A',
      'TS = 3B: direct convention',
      'T0 = 8F: Y1 = 1000 (TD1 present), K = 15 historical bytes',
      '  TD1 = 80: Y2 = 1000 (TD2 present), protocol T=0',
      '  TD2 = 01: Y3 = 0000 (no interface bytes), protocol T=1',
      'Historical bytes: 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00',
      '  Category indicator 80: PC/SC storage card (PC/SC part 3)',
      '    Application identifier (length 12): RID A0 00 00 03 06 (PC/SC Workgroup)',
      '    Standard 03: ISO 14443 A, part 3',
      '    Card name code: 00 01',
      'TCK = 6A: checksum correct',
      'Protocols: T=0, T=1',
    ]);
  });

  it('explains 3B 80 80 01 01', () => {
    const lines = describeAtr('3B 80 80 01 01');
    expect(lines).toContain('Historical bytes: none');
    expect(lines).toContain('TCK = 01: checksum correct');
    expect(lines).toContain('Protocols: T=0, T=1');
  });

  it('explains a T=0 card with TA1, TB1, TC1 and COMPACT-TLV historical bytes', () => {
    const lines = describeAtr('3B 7F 96 00 00 80 31 80 65 B0 84 41 3D F6 12 0F FE 82 90 00');
    expect(lines).toEqual(
      expect.arrayContaining([
        'T0 = 7F: Y1 = 0111 (TA1, TB1, TC1 present), K = 15 historical bytes',
        '  TA1 = 96: Fi = 512 (f max 5 MHz), Di = 32: 16 clock cycles per ETU, up to 312500 bit/s',
        '  TB1 = 00: VPP not connected (deprecated byte)',
        '  TC1 = 00: extra guard time N = 0 ETU',
        '  Category indicator 80: COMPACT-TLV objects',
        '    Tag 3 (card service data), length 1: 80',
        '    Tag 8 (status indicator), length 2: 90 00',
        '      Status word: 90 00 (Success)',
        'Protocols: T=0',
      ]),
    );
    expect(lines.some((line) => line.startsWith('TCK'))).toBe(false);
  });

  it('explains T=1 bytes and a wrong checksum', () => {
    const lines = describeAtr('3B DF 18 00 81 31 FE 58 80 31 90 52 41 01 64 05 C9 03 AC 73 B7 B1 D4 22');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  TA1 = 18: Fi = 372 (f max 5 MHz), Di = 12: 31 clock cycles per ETU, up to 161290 bit/s',
        '  TD1 = 81: Y2 = 1000 (TD2 present), protocol T=1',
        '  TD2 = 31: Y3 = 0011 (TA3, TB3 present), protocol T=1',
        "  TA3 = FE: T=1 IFSC (card's information field size) 254 bytes",
        '  TB3 = 58: T=1 block waiting integer BWI = 5, character waiting integer CWI = 8',
        'TCK = 22: WRONG checksum, expected 44',
        'Protocols: T=1',
      ]),
    );
  });

  it('explains global T=15 bytes', () => {
    const lines = describeAtr('3B 9E 96 80 1F C3 80 31 E0 73 FE 21 1B 66 D0 01 6C 04 0D 00 60');
    expect(lines).toContain('  TD2 = 1F: Y3 = 0001 (TA3 present), T=15 (global interface bytes)');
    expect(lines).toContain('  TA3 = C3: clock stop with no preference, class A (5 V), B (3 V)');
  });

  it('explains the inverse convention and deprecated TB1', () => {
    const lines = describeAtr('3F 65 25 00 2C 09 69 90 00');
    expect(lines).toContain('TS = 3F: inverse convention');
    expect(lines).toContain('  TB1 = 25: programming voltage PI1 = 5, programming current II = 1 (deprecated)');
    expect(lines).toContain('  Category indicator 2C: proprietary format');
  });

  it('explains TA2, TC2 for T=0 and T=1 TC', () => {
    const lines = describeAtr('3B C0 FF D0 90 0A 41 01 35');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  TC1 = FF: extra guard time N = 255: minimum character spacing (12 ETU for T=0, 11 ETU for T=1)',
        '  TD1 = D0: Y2 = 1101 (TA2, TC2, TD2 present), protocol T=0',
        '  TA2 = 90: specific mode, protocol T=0, cannot switch mode, implicit Fi/Di',
        '  TC2 = 0A: T=0 work waiting integer WI = 10',
        '  TD2 = 41: Y3 = 0100 (TC3 present), protocol T=1',
        '  TC3 = 01: T=1 error detection code: CRC',
        'TCK = 35: checksum correct',
        'Protocols: T=0, T=1',
        'Specific mode: T=0',
      ]),
    );
  });

  it('explains a category 00 status indicator and warns about extra bytes', () => {
    const lines = describeAtr('3B 04 00 6A 82 00 FF');
    expect(lines).toContain('  Category indicator 00: COMPACT-TLV objects followed by a 3-byte status indicator');
    expect(lines).toContain('    Life cycle status: 6A');
    expect(lines).toContain('    Status word: 82 00 (Unknown status word 8200)');
    expect(lines).toContain('Warning: 1 extra byte(s) after the end of the ATR: FF');
  });

  it('accepts a ParsedAtr', () => {
    expect(describeAtr(parseAtr('3B 02 14 50'))).toEqual(describeAtr('3B 02 14 50'));
  });

  it('throws AtrError for an unreadable ATR', () => {
    expect(() => describeAtr('3B 8F 80')).toThrow(AtrError);
  });
});

describe('describeAtr warnings and historical byte categories', () => {
  it('warns about an ATR longer than 33 bytes', () => {
    const tooLong = ['3B', '8F', ...new Array<string>(17).fill('80'), '00', ...new Array<string>(15).fill('00')].join(' ');
    expect(describeAtr(tooLong)).toContain('Warning: the ATR has 35 bytes, more than the 33 ISO/IEC 7816-3 allows');
  });

  it('names the DIR reference, reserved and short category 00 forms', () => {
    expect(describeAtr('3B 02 10 05')).toContain('  Category indicator 10: DIR data reference follows: 05');
    expect(describeAtr('3B 01 81')).toContain('  Category indicator 81: reserved for future use');
    expect(describeAtr('3B 02 00 90')).toContain('  Category indicator 00: COMPACT-TLV objects and a status indicator, but fewer than 3 bytes follow');
  });

  it('flags a COMPACT-TLV object longer than the bytes left', () => {
    const lines = describeAtr('3B 03 80 43 01');
    expect(lines).toContain('    Tag 4 (initial access data), length 3: 01');
    expect(lines).toContain('      Only 1 of the 3 announced bytes are present');
  });
});
