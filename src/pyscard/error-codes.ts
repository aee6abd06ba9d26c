import { PcscError } from '../errors/pcsc-error';

/** The SCARD_* code of a core error; anything else (bad input, a bug) is rethrown unchanged. */
export function hresultOf(error: unknown): number {
  if (error instanceof PcscError) return error.code;
  throw error;
}
