import { SCARD_E_NO_SERVICE, SCARD_F_COMM_ERROR } from '../return-codes';

/**
 * libpcsclite answers SCARD_F_COMM_ERROR when its socket to pcscd breaks, which for the caller is the
 * service going away: the adapters report it as SCARD_E_NO_SERVICE, as the other drivers do.
 */
export function fromClientLibrary(code: number): number {
  return code === SCARD_F_COMM_ERROR ? SCARD_E_NO_SERVICE : code;
}
