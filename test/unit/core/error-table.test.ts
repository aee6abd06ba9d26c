import { describeCode, errorFromCode, knownCodes } from '../../../src/errors/error-table';
import {
  CardRemovedError,
  CardResetError,
  NoReadersError,
  NoServiceError,
  PcscError,
  ProtocolMismatchError,
  SharingViolationError,
  TimeoutError,
} from '../../../src/errors/pcsc-error';
import * as rc from '../../../src/driver/return-codes';

describe('SCARD_* code table', () => {
  it.each([
    [rc.SCARD_E_SHARING_VIOLATION, 'SCARD_E_SHARING_VIOLATION', SharingViolationError, 'Sharing violation.'],
    [rc.SCARD_W_RESET_CARD, 'SCARD_W_RESET_CARD', CardResetError, 'Card was reset.'],
    [rc.SCARD_W_REMOVED_CARD, 'SCARD_W_REMOVED_CARD', CardRemovedError, 'Card was removed.'],
    [rc.SCARD_E_NO_SERVICE, 'SCARD_E_NO_SERVICE', NoServiceError, 'Service not available.'],
    [rc.SCARD_E_NO_READERS_AVAILABLE, 'SCARD_E_NO_READERS_AVAILABLE', NoReadersError, 'Cannot find a smart card reader.'],
    [rc.SCARD_E_PROTO_MISMATCH, 'SCARD_E_PROTO_MISMATCH', ProtocolMismatchError, 'Card protocol mismatch.'],
    [rc.SCARD_E_TIMEOUT, 'SCARD_E_TIMEOUT', TimeoutError, 'Command timeout.'],
  ])('maps 0x%s to %s', (code, name, errorClass, message) => {
    const error = errorFromCode(code, 'SCardConnect');
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(PcscError);
    expect(error.code).toBe(code);
    expect(error.codeName).toBe(name);
    expect(error.call).toBe('SCardConnect');
    expect(error.message).toContain(message);
    expect(error.name).toBe(errorClass.name);
  });

  it('knows every code of pcsclite.h with a distinct name', () => {
    const codes = knownCodes();
    expect(codes.length).toBeGreaterThanOrEqual(60);
    const names = codes.map((code) => describeCode(code).name);
    expect(new Set(names).size).toBe(names.length);
    for (const [constant, value] of Object.entries(rc)) {
      if (constant === 'SCARD_E_UNEXPECTED') continue; // same number as SCARD_E_UNSUPPORTED_FEATURE in pcsc-lite
      expect(describeCode(value).name).toBe(constant);
    }
  });

  it('keeps unknown codes as a plain PcscError with the hex value', () => {
    const error = errorFromCode(0x80100fff);
    expect(error.constructor).toBe(PcscError);
    expect(error.codeName).toBe('0x80100FFF');
  });
});
