import { ApduError } from '../errors/apdu-error';
import { parseHexBytes } from './hex';

/** Bytes given as a Uint8Array, an array of numbers, or hex text. */
export type ByteInput = Uint8Array | readonly number[] | string;

/** Checks that every value is an integer 0..255 and copies them into a Uint8Array. */
export function checkedByteArray(values: readonly number[], what = 'APDU byte'): Uint8Array {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (!isByte(value)) {
      throw ApduError.expected(`${what} ${i}`, 'an integer from 0 to 255', value);
    }
  }
  return Uint8Array.from(values);
}

/** Any ByteInput as a Uint8Array; a Uint8Array is returned as is, not copied. */
export function bytesFromInput(input: ByteInput, what = 'APDU byte'): Uint8Array {
  if (typeof input === 'string') return parseHexBytes(input);
  if (input instanceof Uint8Array) return input;
  if (Array.isArray(input)) return checkedByteArray(input, what);
  throw ApduError.expected('bytes', 'hex text, a Uint8Array or a number[]', input);
}

export function isByte(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}
