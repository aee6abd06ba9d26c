import { SCARD_PROTOCOL_RAW, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_PROTOCOL_T15, SCARD_PROTOCOL_UNDEFINED } from '../../../../src/driver/scard-constants';
import { parseHexBytes } from '../../../../src/apdu/hex';
import { protocolsOfAtr } from '../../../../src/simulator/service/atr-protocols';
import { negotiateProtocol, SCARD_PROTOCOL_ANY_OLD } from '../../../../src/simulator/service/protocol-selection';

const atr = parseHexBytes;

describe('protocolsOfAtr', () => {
  it('takes T=0 when the ATR has no TD1', () => {
    expect(protocolsOfAtr(atr('3B 02 14 50'))).toEqual({ available: SCARD_PROTOCOL_T0, initial: SCARD_PROTOCOL_T0 });
  });

  it('collects every protocol the TDi bytes announce, the first being the initial one', () => {
    expect(protocolsOfAtr(atr('3B 80 80 01 01'))).toEqual({
      available: SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
      initial: SCARD_PROTOCOL_T0,
    });
  });

  it('reads a T=1 card with global T=15 bytes', () => {
    // 3B F8 13 00 00 81 31 FE 15 ...: TD1 = 81 (T=1), TD2 = 31 (T=1), TD3 absent; then a T=15 example
    expect(protocolsOfAtr(atr('3B F8 13 00 00 81 31 FE 15 59 75 62 69 6B 65 79 34 D4')).available).toBe(SCARD_PROTOCOL_T1);
    expect(protocolsOfAtr(atr('3B 80 81 1F 07 19')).available).toBe(SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T15);
  });

  it('honours a TA2 byte (specific mode: only that protocol)', () => {
    // T0=90: TA1 and TD1; TD1=90 -> TA2 and TD2 present; TA2=01 forces T=1
    expect(protocolsOfAtr(atr('3B 90 11 90 01 01 00'))).toEqual({
      available: SCARD_PROTOCOL_T1,
      initial: SCARD_PROTOCOL_T1,
    });
  });

  it('gives nothing for an ATR pcscd cannot read', () => {
    expect(protocolsOfAtr(atr('3C 00')).available).toBe(SCARD_PROTOCOL_UNDEFINED);
    expect(protocolsOfAtr(atr('3B')).available).toBe(SCARD_PROTOCOL_UNDEFINED);
    expect(protocolsOfAtr(atr('3B 80 02')).available).toBe(SCARD_PROTOCOL_UNDEFINED);
  });
});

describe('negotiateProtocol', () => {
  const dual = atr('3B 80 80 01 01');

  it('prefers T=1 when the card and the caller both allow it', () => {
    expect(negotiateProtocol(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, dual)).toBe(SCARD_PROTOCOL_T1);
    expect(negotiateProtocol(SCARD_PROTOCOL_T0, dual)).toBe(SCARD_PROTOCOL_T0);
    expect(negotiateProtocol(SCARD_PROTOCOL_ANY_OLD, dual)).toBe(SCARD_PROTOCOL_T1);
  });

  it('finds no protocol when the sets do not overlap', () => {
    expect(negotiateProtocol(SCARD_PROTOCOL_T1, atr('3B 02 14 50'))).toBe(SCARD_PROTOCOL_UNDEFINED);
    expect(negotiateProtocol(SCARD_PROTOCOL_RAW, dual)).toBe(SCARD_PROTOCOL_UNDEFINED);
  });
});
