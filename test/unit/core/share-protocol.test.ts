import { InvalidParameterError } from '../../../src/errors/pcsc-error';
import { dispositionCode, initializationCode, protocolMask, shareModeCode } from '../../../src/core/share-protocol';
import * as k from '../../../src/driver/scard-constants';

describe('share modes, protocols and dispositions', () => {
  it('maps names to SCARD_* numbers', () => {
    expect(shareModeCode('shared')).toBe(k.SCARD_SHARE_SHARED);
    expect(shareModeCode('exclusive')).toBe(k.SCARD_SHARE_EXCLUSIVE);
    expect(shareModeCode('direct')).toBe(k.SCARD_SHARE_DIRECT);
    expect(protocolMask(['T0', 'T1'])).toBe(k.SCARD_PROTOCOL_T0 | k.SCARD_PROTOCOL_T1);
    expect(protocolMask([], 'direct')).toBe(0);
    expect(dispositionCode('eject')).toBe(k.SCARD_EJECT_CARD);
    expect(initializationCode('unpower')).toBe(k.SCARD_UNPOWER_CARD);
  });

  it.each([
    () => shareModeCode('exclusiv'),
    () => shareModeCode(undefined),
    () => protocolMask([]),
    () => protocolMask([], 'shared'),
    () => protocolMask('T0', 'direct'),
    () => protocolMask(['T2']),
    () => protocolMask('T0'),
    () => dispositionCode('explode'),
    () => initializationCode('eject'),
    () => shareModeCode('toString'),
  ])('rejects bad input #%# with InvalidParameterError', (call) => {
    expect(call).toThrow(InvalidParameterError);
  });
});
