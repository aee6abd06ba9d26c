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
  ReaderUnavailableError,
  ServiceStoppedError,
  WorkerCrashedError,
} from '../../../src/errors/pcsc-error';
import * as errors from '../../../src/errors';
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
    [rc.SCARD_E_READER_UNAVAILABLE, 'SCARD_E_READER_UNAVAILABLE', ReaderUnavailableError, 'Reader is unavailable.'],
    [rc.SCARD_E_SERVICE_STOPPED, 'SCARD_E_SERVICE_STOPPED', ServiceStoppedError, 'Service was stopped.'],
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

  it('gives each code the class the table names, so instanceof and codeName agree', () => {
    for (const code of knownCodes()) {
      const error = errorFromCode(code);
      const entry = describeCode(code);
      expect(error).toBeInstanceOf(entry.errorClass);
      expect(error.constructor).toBe(entry.errorClass);
      expect([error.code, error.codeName, error.returnCode]).toEqual([code, entry.name, code]);
    }
  });

  it('builds every error class with its own code only, the one the table gives that class', () => {
    const classes = Object.values(errors).filter((value): value is typeof errors.SharingViolationError => typeof value === 'function' && 'scardCode' in value);
    expect(classes.length).toBeGreaterThanOrEqual(25);
    for (const ErrorClass of classes) {
      const error = new ErrorClass('message', 'SCardConnect');
      expect(error.code).toBe(ErrorClass.scardCode);
      expect(error.codeName).toBe(describeCode(ErrorClass.scardCode).name);
      // a library condition stands for a code whose table class is a PC/SC one; every other class is that code's class
      if (!(error instanceof LibraryError) || error instanceof TimeoutError) {
        expect(error).toBeInstanceOf(describeCode(error.code).errorClass);
      }
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
    const forked = new ForkedContextError('forked child');
    expect(forked).toBeInstanceOf(LibraryError);
    expect(forked).toBeInstanceOf(PcscError);
    expect([forked.reason, forked.codeName]).toEqual(['forked', 'SCARD_E_NO_SERVICE']);
    expect(new WorkerCrashedError('died').reason).toBe('worker-crashed');
    expect(new ClosedError('closed').reason).toBe('closed');
    expect(new AbortedError('gave up').reason).toBe('aborted');
    expect(errorFromCode(rc.SCARD_E_TIMEOUT)).toMatchObject({ reason: 'timed-out', codeName: 'SCARD_E_TIMEOUT' });
  });

  it('tell a dead service from a fork misuse', () => {
    const dead = errorFromCode(rc.SCARD_E_NO_SERVICE);
    expect(dead).toBeInstanceOf(NoServiceError);
    expect(dead).not.toBeInstanceOf(LibraryError);
  });

  it('take their name from the code, so the two cannot disagree', () => {
    expect(new ClosedError('closed').codeName).toBe('SCARD_E_INVALID_HANDLE');
    const lost = new NoServiceError('lost', 'SCardTransmit', { returnCode: rc.SCARD_F_COMM_ERROR });
    expect(lost.codeName).toBe('SCARD_E_NO_SERVICE');
    expect(lost.returnCode).toBe(rc.SCARD_F_COMM_ERROR);
  });
});
