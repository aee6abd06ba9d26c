import { ApduError } from '../errors/apdu-error';
import { isByte } from '../apdu/byte-input';
import { parseHexBytes } from '../apdu/hex';
import { AtrError } from './atr-error';

/** An ATR as hex text ('3B 80 80 01 01'), bytes, or an array of numbers. */
export type AtrInput = string | Uint8Array | readonly number[];

/** An ATR is TS, T0 and at most 32 more bytes. */
export const MAX_ATR_LENGTH = 33;

/** The ATR bytes of any AtrInput (a copy), or AtrError for bad hex or values outside 0..255. */
export function atrBytes(input: AtrInput): Uint8Array {
  if (typeof input === 'string') {
    try {
      return parseHexBytes(input);
    } catch (error) {
      if (error instanceof ApduError) throw new AtrError(error.message);
      throw error;
    }
  }
  if (input instanceof Uint8Array) return Uint8Array.from(input);
  if (Array.isArray(input)) {
    input.forEach((value, index) => {
      if (!isByte(value)) {
        throw new AtrError(`ATR byte ${index} is ${String(value)}: every byte must be an integer from 0 to 255`);
      }
    });
    return Uint8Array.from(input);
  }
  throw new AtrError('An ATR must be hex text, a Uint8Array or a number[]');
}
