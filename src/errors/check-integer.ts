import { InvalidArgumentError } from './invalid-argument-error';

/**
 * `value` if it is an integer from `min` to `max`; otherwise InvalidArgumentError naming
 * `argument` and `expectation` (a bigint, a string of digits or NaN is no integer here).
 */
export function checkInteger(value: unknown, argument: string, min: number, max: number, expectation: string, call?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw InvalidArgumentError.expected(argument, expectation, value, call);
  }
  return value;
}

/** `value` if it is a DWORD (an integer from 0 to 0xFFFFFFFF), as PC/SC takes flags and modes. */
export function checkDword(value: unknown, argument: string, call?: string): number {
  return checkInteger(value, argument, 0, 0xffffffff, 'an integer from 0 to 0xFFFFFFFF', call);
}

/** `value` if it is an SCARD_* code: an integer, 32-bit, given signed or unsigned. */
export function checkReturnCode(value: unknown, argument = 'code', call?: string): number {
  return checkInteger(value, argument, -0x80000000, 0xffffffff, 'a 32-bit SCARD_* code (an integer)', call);
}

/** `value` if it is a string or undefined (an optional text argument). */
export function checkOptionalText(value: unknown, argument: string, call?: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw InvalidArgumentError.expected(argument, 'a string', value, call);
  return value;
}
