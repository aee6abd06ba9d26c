import { SCARD_F_COMM_ERROR } from '../../driver/return-codes';

/**
 * pcscd answered something the protocol does not allow (a length out of range, a reader name
 * without its terminator, bytes nobody asked for). The socket is closed at once, since nothing
 * after a malformed answer can be trusted. It stays inside the 'pcscd' driver: the call answers
 * SCARD_E_NO_SERVICE (SCARD_F_COMM_ERROR, a broken exchange, in libpcsclite's terms), and so does
 * the context it served from then on.
 */
export class PcscdProtocolError extends Error {
  /** The SCARD_* code libpcsclite would report for a broken exchange. */
  readonly code = SCARD_F_COMM_ERROR;

  constructor(message: string) {
    super(message);
    this.name = 'PcscdProtocolError';
  }
}
