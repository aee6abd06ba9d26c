import { PcscError } from '../errors/pcsc-error';

/** The SCARD_* code PC/SC returned for a core error (its `returnCode`, as PySCard reports the code itself); anything else (bad input, a bug) is rethrown unchanged. */
export function hresultOf(error: unknown): number {
  if (error instanceof PcscError) return error.returnCode;
  throw error;
}
