import { ATR, SmartcardException, toBytes } from '../../../src/pyscard';
import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';

describe('smartcard.ATR', () => {
  it('splits an ATR into interface bytes, historical bytes and checksum', () => {
    const atr = new ATR(toBytes('3B E3 00 FF 81 31 52 45 A1 A2 A3 1B'));
    expect(atr.TA).toEqual([null, null, 0x52]);
    expect(atr.TB).toEqual([0x00, null, 0x45]);
    expect(atr.TC).toEqual([0xff, null, null]);
    expect(atr.TD).toEqual([0x81, 0x31, null]);
    expect(atr.getHistoricalBytes()).toEqual([0xa1, 0xa2, 0xa3]);
    expect(atr.getChecksum()).toBe(0x1b);
    expect(atr.checksumOK).toBe(true);
    expect(atr.getSupportedProtocols()).toEqual({ 'T=1': true });
    expect(atr.isT0Supported()).toBe(false);
    expect(atr.getGuardTime()).toBe(0xff);
    expect(atr.getProgrammingVoltage()).toBe(5);
    expect(String(atr)).toBe('3B E3 00 FF 81 31 52 45 A1 A2 A3 1B');
  });

  it('defaults like PySCard when TA1/TB1/TC1 are absent', () => {
    const atr = new ATR(toBytes('3B 02 14 50'));
    expect(atr.getSupportedProtocols()).toEqual({ 'T=0': true });
    expect([atr.getClockRateConversion(), atr.getBitRateFactor(), atr.getProgrammingCurrent()]).toEqual([372, 1, 50]);
    expect(atr.getGuardTime()).toBeNull();
    expect(atr.checksumOK).toBeUndefined();
  });

  it('rejects an unknown TS', () => {
    expect(() => new ATR([0x3a, 0x00])).toThrow(new SmartcardException('invalid TS 0x3a'));
    // PySCard raises IndexError from inside here; the facade says what is wrong, typed.
    expect(() => new ATR([0x3b, 0x10])).toThrow(InvalidArgumentError);
    expect(() => new ATR([0x3b, 0x10])).toThrow('The ATR 3B 10 ends before byte 2, which its interface bytes announce.');
  });
});
