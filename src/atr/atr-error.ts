import { PcscError } from '../errors/pcsc-error';
import { SCARD_E_INVALID_ATR } from '../errors/return-codes';

/**
 * An ATR that cannot be read: bad hex, unknown TS, or fewer bytes than T0 and the TDi announce.
 * Its code is SCARD_E_INVALID_ATR, what PC/SC names an ATR it cannot use.
 */
export class AtrError extends PcscError {
  declare readonly code: typeof SCARD_E_INVALID_ATR;
  declare readonly codeName: 'SCARD_E_INVALID_ATR';

  constructor(message: string) {
    super(SCARD_E_INVALID_ATR, message);
  }
}
