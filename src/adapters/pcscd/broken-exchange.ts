import { fromClientLibrary } from '../client-library-code';
import { PcscdProtocolError } from './pcscd-protocol-error';
import { ServiceLinkError } from './service-socket';

/**
 * The return code of an exchange with pcscd that broke, or undefined for any other error. A socket
 * that failed, a reply that stopped half-way and a reply that breaks the protocol (PcscdProtocolError,
 * whose socket is dropped at once) are all SCARD_F_COMM_ERROR in libpcsclite's terms, which every
 * driver reports as SCARD_E_NO_SERVICE; a refused connection keeps libpcsclite's own code.
 */
export function brokenExchangeCode(error: unknown): number | undefined {
  if (error instanceof ServiceLinkError) return fromClientLibrary(error.code);
  if (error instanceof PcscdProtocolError) return fromClientLibrary(error.code);
  return undefined;
}
