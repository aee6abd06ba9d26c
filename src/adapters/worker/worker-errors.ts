import * as coreErrors from '../../errors/pcsc-error';
import { ClosedError, PcscError, TimeoutError, WorkerCrashedError, type FixedCodeErrorClass } from '../../errors/pcsc-error';
import { DriverUnavailableError } from '../../driver/driver-unavailable-error';
import type { SerializedError } from './worker-protocol';

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message } = error;
  if (error instanceof PcscError) return { name, message, code: error.code, codeName: error.codeName, returnCode: error.returnCode, call: error.call };
  if (error instanceof DriverUnavailableError) return { name, message, driverName: error.driverName };
  return { name, message };
}

/** The subclass of PcscError named `name`; undefined for PcscError itself or a name that is none. */
function fixedCodeClass(name: string): FixedCodeErrorClass | undefined {
  const candidate: unknown = (coreErrors as Record<string, unknown>)[name];
  const isSubclass = typeof candidate === 'function' && candidate.prototype instanceof PcscError;
  return isSubclass ? (candidate as FixedCodeErrorClass) : undefined;
}

function revivePcscError(name: string, message: string, code: number, returnCode: number | undefined, call: string | undefined): PcscError {
  const errorClass = fixedCodeClass(name);
  const options = returnCode === undefined ? undefined : { returnCode };
  // a class whose own code is not the one reported (a name from another version) keeps the code as a plain PcscError
  if (errorClass === undefined || errorClass.scardCode >>> 0 !== code >>> 0) return new PcscError(code, message, call, options);
  return new errorClass(message, call, options);
}

/** The error the worker reported, rebuilt with its class in this process. */
export function reviveError(serialized: SerializedError): Error {
  const { name, message, code, returnCode, call, driverName } = serialized;
  if (typeof code === 'number') return revivePcscError(name, message, code, returnCode, call);
  if (driverName !== undefined) return new DriverUnavailableError(driverName, message);
  const error = new Error(`${message} (in the PC/SC worker process)`);
  error.name = name;
  return error;
}

export function workerCrashed(call: string, pid: number | undefined, cause: string): WorkerCrashedError {
  return new WorkerCrashedError(
    `${call}: the PC/SC worker process${pid === undefined ? '' : ` (pid ${pid})`} died (${cause}). ` +
      'Its contexts and card handles are gone; the next call starts a new worker.',
    call,
  );
}

export function workerTimedOut(call: string, timeoutMs: number): TimeoutError {
  return new TimeoutError(`${call}: no answer from the PC/SC worker process within ${timeoutMs} ms; it was killed and the next call starts a new one.`, call);
}

export function workerDisposed(call: string): ClosedError {
  return new ClosedError(`${call}: the worker driver was disposed.`, call);
}
