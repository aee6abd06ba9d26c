import * as coreErrors from '../../errors/pcsc-error';
import { ClosedError, PcscError, TimeoutError, WorkerCrashedError } from '../../errors/pcsc-error';
import { DriverUnavailableError } from '../../driver/driver-unavailable-error';
import { SCARD_E_INVALID_HANDLE, SCARD_E_NO_SERVICE, SCARD_E_TIMEOUT } from '../../driver/return-codes';
import type { SerializedError } from './worker-protocol';

type PcscErrorClass = new (code: number, message: string, call?: string) => PcscError;

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message } = error;
  if (error instanceof PcscError) return { name, message, code: error.code, codeName: error.codeName, call: error.call };
  if (error instanceof DriverUnavailableError) return { name, message, driverName: error.driverName };
  return { name, message };
}

function pcscErrorClass(name: string): PcscErrorClass {
  const candidate: unknown = (coreErrors as Record<string, unknown>)[name];
  const isPcscClass =
    typeof candidate === 'function' && (candidate === PcscError || candidate.prototype instanceof PcscError);
  return isPcscClass ? (candidate as PcscErrorClass) : PcscError;
}

/** The error the worker reported, rebuilt with its class in this process. */
export function reviveError(serialized: SerializedError): Error {
  const { name, message, code, call, driverName } = serialized;
  if (typeof code === 'number') return new (pcscErrorClass(name))(code, message, call);
  if (driverName !== undefined) return new DriverUnavailableError(driverName, message);
  const error = new Error(`${message} (in the PC/SC worker process)`);
  error.name = name;
  return error;
}

export function workerCrashed(call: string, pid: number | undefined, cause: string): WorkerCrashedError {
  return new WorkerCrashedError(
    SCARD_E_NO_SERVICE,
    `${call}: the PC/SC worker process${pid === undefined ? '' : ` (pid ${pid})`} died (${cause}). ` +
      'Its contexts and card handles are gone; the next call starts a new worker.',
    call,
  );
}

export function workerTimedOut(call: string, timeoutMs: number): TimeoutError {
  return new TimeoutError(
    SCARD_E_TIMEOUT,
    `${call}: no answer from the PC/SC worker process within ${timeoutMs} ms; it was killed and the next call starts a new one.`,
    call,
  );
}

export function workerDisposed(call: string): ClosedError {
  return new ClosedError(SCARD_E_INVALID_HANDLE, `${call}: the worker driver was disposed.`, call);
}
