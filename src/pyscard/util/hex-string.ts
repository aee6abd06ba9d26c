import { checkInteger } from '../../errors/check-integer';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';

/** Format flags of toHexString, combined with `|`. */
export const PACK = 1;
/** toHexString format flag: a 0x prefix on each byte. */
export const HEX = 2;
/** toHexString format flag: with HEX, the prefix is 0X. */
export const UPPERCASE = 4;
/** toHexString format flag: a comma between bytes. */
export const COMMA = 8;

/** Bytes as PySCard's util functions take them: a number list or a Uint8Array. */
export type ByteList = readonly number[] | Uint8Array;

function isByteList(value: unknown): value is ByteList {
  return Array.isArray(value) || value instanceof Uint8Array;
}

/**
 * PySCard's toHexString: '3B 65 00' by default; COMMA puts a comma between bytes, HEX a 0x prefix
 * (0X with UPPERCASE), PACK drops the spaces. Values wrap modulo 256 like PySCard's; null, like
 * PySCard's None, gives ''. What is no list is PySCard's own `TypeError('not a list of bytes')`;
 * an element or a format that is no integer is InvalidArgumentError (in Python a TypeError too).
 */
export function toHexString(bytes: ByteList | null = [], format = 0): string {
  if (bytes === null) return '';
  if (!isByteList(bytes)) throw new TypeError('not a list of bytes');
  checkInteger(format, 'format', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'an integer (PACK | HEX | UPPERCASE | COMMA)', 'toHexString');
  for (let i = 0; i < bytes.length; i += 1) {
    const value: unknown = bytes[i];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw InvalidArgumentError.expected(`bytes[${i}]`, 'an integer', value, 'toHexString');
  }
  if (bytes.length === 0) return '';
  let separator = format & COMMA ? ',' : '';
  if (!(format & PACK)) separator += ' ';
  const prefix = format & HEX ? (format & UPPERCASE ? '0X' : '0x') : '';
  const parts = Array.from(bytes, (byte) => prefix + (((byte % 256) + 256) % 256).toString(16).toUpperCase().padStart(2, '0'));
  return parts.join(separator).trimEnd();
}

/**
 * PySCard's toBytes: '3B 65 00' or '3B6500' → [59, 101, 0]. Spaces, tabs and newlines are ignored;
 * like PySCard, a trailing odd digit is dropped and other text that is not hex is PySCard's own
 * `TypeError('not a string representing a list of bytes')`. A value that is no string is
 * InvalidArgumentError.
 */
export function toBytes(bytestring: string): number[] {
  if (typeof bytestring !== 'string') throw InvalidArgumentError.expected('bytestring', 'a string', bytestring, 'toBytes');
  const packed = bytestring.replace(/[ \t\n]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i + 1 < packed.length; i += 2) {
    const pair = packed.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) throw new TypeError('not a string representing a list of bytes');
    bytes.push(parseInt(pair, 16));
  }
  return bytes;
}
