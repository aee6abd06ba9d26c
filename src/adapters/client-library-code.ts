import { SCARD_E_NO_SERVICE, SCARD_F_COMM_ERROR, SCARD_W_SECURITY_VIOLATION } from '../driver/return-codes';

/**
 * libpcsclite answers SCARD_F_COMM_ERROR when its socket to pcscd breaks, which for the caller is the
 * service going away: the adapters report it as SCARD_E_NO_SERVICE, as the other drivers do.
 */
export function fromClientLibrary(code: number): number {
  return code === SCARD_F_COMM_ERROR ? SCARD_E_NO_SERVICE : code;
}

/**
 * fromClientLibrary for a call on an established context or card handle other than SCardConnect.
 * libpcsclite also answers SCARD_W_SECURITY_VIOLATION when reading pcscd's answer fails with
 * ECONNRESET, which a daemon killed with a request still unread in its socket causes; pcscd
 * itself answers that code only to SCardEstablishContext and SCardConnect (a polkit refusal).
 * On every other call it therefore means the link to the daemon is gone: SCARD_E_NO_SERVICE.
 */
export function fromClientLibraryLink(code: number): number {
  return code === SCARD_W_SECURITY_VIOLATION ? SCARD_E_NO_SERVICE : fromClientLibrary(code);
}
