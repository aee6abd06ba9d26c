/**
 * What each platform's numbers become at the library's edge: return codes (every one lands in the
 * library's error table), control codes, card states and protocols.
 */
import { knownCodes } from '../../../../src/errors/code-names';
import { describeCode } from '../../../../src/errors/error-table';
import { DARWIN_TABLE } from '../../../../src/adapters/winscard/darwin-table';
import { PCSC_LITE_TABLE } from '../../../../src/adapters/winscard/pcsc-lite-table';
import { WIN32_CODE_MAP } from '../../../../src/adapters/winscard/win32-codes';
import { WIN32_TABLE } from '../../../../src/adapters/winscard/win32-table';
import * as rc from '../../../../src/driver/return-codes';
import * as k from '../../../../src/driver/scard-constants';

const PCSC_LITE_CODES = Object.values(rc);

describe.each([
  ['Linux pcsc-lite', PCSC_LITE_TABLE],
  ['macOS PCSC.framework', DARWIN_TABLE],
] as const)('%s codes', (_platform, table) => {
  it('keeps every SCARD_* code, and the table knows each one', () => {
    for (const code of PCSC_LITE_CODES) expect(table.toLibraryCode(code)).toBe(code);
    expect(PCSC_LITE_CODES.filter((code) => !knownCodes().includes(code))).toEqual([]);
  });

  it('reads a LONG that came back negative (32-bit) or positive (64-bit) as the same code', () => {
    expect(table.toLibraryCode(0x8010000b | 0)).toBe(rc.SCARD_E_SHARING_VIOLATION);
    expect(table.toLibraryCode(0x8010000b)).toBe(rc.SCARD_E_SHARING_VIOLATION);
  });

  it('builds control codes as SCARD_CTL_CODE(c) = 0x42000000 + c and keeps states and protocols', () => {
    expect(table.toPlatformControlCode(0x42000000 + 3400)).toBe(0x42000d48);
    expect(table.toLibraryCardState(k.SCARD_PRESENT | k.SCARD_POWERED | k.SCARD_NEGOTIABLE)).toBe(0x34);
    expect(table.toPlatformProtocols(k.SCARD_PROTOCOL_ANY | k.SCARD_PROTOCOL_RAW)).toBe(0x7);
    expect(table.toLibraryProtocol(k.SCARD_PROTOCOL_RAW)).toBe(k.SCARD_PROTOCOL_RAW);
  });
});

describe('Windows winscard.dll codes', () => {
  const PCSC_LITE_ONLY_NUMBERING = new Set([rc.SCARD_E_UNSUPPORTED_FEATURE]);

  it('keeps the SCARD_* codes both numberings share', () => {
    for (const code of PCSC_LITE_CODES.filter((c) => !PCSC_LITE_ONLY_NUMBERING.has(c))) {
      expect([code, WIN32_TABLE.toLibraryCode(code)]).toEqual([code, code]);
    }
  });

  it('gives SCARD_E_UNSUPPORTED_FEATURE its Windows number 0x80100022, and 0x8010001F is SCARD_E_UNEXPECTED there', () => {
    expect(WIN32_TABLE.toLibraryCode(0x80100022)).toBe(rc.SCARD_E_UNSUPPORTED_FEATURE);
    expect(WIN32_TABLE.toLibraryCode(0x80100022 | 0)).toBe(rc.SCARD_E_UNSUPPORTED_FEATURE);
    expect(describeCode(WIN32_TABLE.toLibraryCode(0x8010001f)).name).toBe('SCARD_F_UNKNOWN_ERROR');
  });

  it('maps every Windows-only code and passed-through Win32 error to a code the error table knows', () => {
    const unknown = [...WIN32_CODE_MAP.keys()].filter((code) => !knownCodes().includes(WIN32_TABLE.toLibraryCode(code)));
    expect(unknown).toEqual([]);
  });

  it.each([
    [0x80100032, 'SCARD_W_CARD_NOT_AUTHENTICATED'],
    [0x80100033, 'SCARD_W_CARD_NOT_AUTHENTICATED'],
    [0x80100034, 'SCARD_E_NO_ACCESS'],
    [6, 'SCARD_E_INVALID_HANDLE'],
    [50, 'SCARD_E_UNSUPPORTED_FEATURE'],
    [109, 'SCARD_E_SERVICE_STOPPED'],
    [122, 'SCARD_E_INSUFFICIENT_BUFFER'],
    [1223, 'SCARD_E_CANCELLED'],
  ])('0x%s becomes %s', (code, name) => {
    expect(describeCode(WIN32_TABLE.toLibraryCode(code)).name).toBe(name);
  });

  it('builds SCARD_CTL_CODE(c) as CTL_CODE(FILE_DEVICE_SMARTCARD, c, METHOD_BUFFERED, FILE_ANY_ACCESS)', () => {
    expect(WIN32_TABLE.toPlatformControlCode(0x42000000 + 3400)).toBe((0x31 << 16) | (3400 << 2));
    expect(WIN32_TABLE.toPlatformControlCode(0x42000000 + 3400)).toBe(0x313520);
    expect(WIN32_TABLE.toPlatformControlCode(0x42000000 + 1)).toBe(0x310004);
  });

  it('passes on a control code already in Windows form (e.g. from a reader’s feature list)', () => {
    expect(WIN32_TABLE.toPlatformControlCode(0x313520)).toBe(0x313520);
    expect(WIN32_TABLE.toPlatformControlCode(0x42000000 + 0x1000)).toBe(0x42001000);
  });

  it('turns SCardStatus’s enumerated state into pcsc-lite’s bits', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((state) => WIN32_TABLE.toLibraryCardState(state))).toEqual([
      k.SCARD_UNKNOWN,
      k.SCARD_ABSENT,
      k.SCARD_PRESENT,
      k.SCARD_PRESENT | k.SCARD_SWALLOWED,
      k.SCARD_PRESENT | k.SCARD_POWERED,
      k.SCARD_PRESENT | k.SCARD_POWERED | k.SCARD_NEGOTIABLE,
      k.SCARD_PRESENT | k.SCARD_POWERED | k.SCARD_SPECIFIC,
      k.SCARD_UNKNOWN,
    ]);
  });

  it('moves SCARD_PROTOCOL_RAW to 0x10000 and back; T=0 and T=1 keep their bits', () => {
    expect(WIN32_TABLE.toPlatformProtocols(k.SCARD_PROTOCOL_T0 | k.SCARD_PROTOCOL_T1)).toBe(0x3);
    expect(WIN32_TABLE.toPlatformProtocols(k.SCARD_PROTOCOL_RAW)).toBe(0x10000);
    expect(WIN32_TABLE.toLibraryProtocol(0x10000)).toBe(k.SCARD_PROTOCOL_RAW);
    expect(WIN32_TABLE.toLibraryProtocol(k.SCARD_PROTOCOL_T1)).toBe(k.SCARD_PROTOCOL_T1);
  });
});
