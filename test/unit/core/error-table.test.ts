import { knownCodes } from '../../../src/errors/code-names';
import { describeCode, errorFromCode } from '../../../src/errors/error-table';
import {
  AbortedError,
  CardRemovedError,
  CardResetError,
  ClosedError,
  ForkedContextError,
  LibraryError,
  NoReadersError,
  NoServiceError,
  PcscError,
  ProtocolMismatchError,
  SharingViolationError,
  TimeoutError,
  UnknownReaderError,
  WorkerCrashedError,
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
    [rc.SCARD_E_READER_UNAVAILABLE, 'SCARD_E_READER_UNAVAILABLE', UnknownReaderError, 'Reader is unavailable.'],
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

describe('conditions of the library itself', () => {
  it('carry a reason beside the code an application calling PC/SC directly would have met', () => {
    const forked = new ForkedContextError(rc.SCARD_E_NO_SERVICE, 'forked child');
    expect(forked).toBeInstanceOf(LibraryError);
    expect(forked).toBeInstanceOf(PcscError);
    expect([forked.reason, forked.codeName]).toEqual(['forked', 'SCARD_E_NO_SERVICE']);
    expect(new WorkerCrashedError(rc.SCARD_E_NO_SERVICE, 'died').reason).toBe('worker-crashed');
    expect(new ClosedError(rc.SCARD_E_INVALID_HANDLE, 'closed').reason).toBe('closed');
    expect(new AbortedError(rc.SCARD_E_CANCELLED, 'gave up').reason).toBe('aborted');
    expect(errorFromCode(rc.SCARD_E_TIMEOUT)).toMatchObject({ reason: 'timed-out', codeName: 'SCARD_E_TIMEOUT' });
  });

  it('tell a dead service from a fork misuse', () => {
    const dead = errorFromCode(rc.SCARD_E_NO_SERVICE);
    expect(dead).toBeInstanceOf(NoServiceError);
    expect(dead).not.toBeInstanceOf(LibraryError);
  });

  it('take their name from the code, so the two cannot disagree', () => {
    expect(new ClosedError(rc.SCARD_E_INVALID_HANDLE, 'closed').codeName).toBe('SCARD_E_INVALID_HANDLE');
    expect(new NoServiceError(rc.SCARD_F_COMM_ERROR, 'lost').codeName).toBe('SCARD_F_COMM_ERROR');
  });
});
