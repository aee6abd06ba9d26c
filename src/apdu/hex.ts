import { ApduError } from '../errors/apdu-error';

const HEX_SEPARATORS = /[\s:,-]+/g;

/** Parses '00 A4 04 00', '00A40400' or '00:a4:04:00' into bytes; anything else (a non-string included) is an ApduError. */
export function parseHexBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw ApduError.expected('hex', 'hex text (a string)', text);
  const compact = text.replace(HEX_SEPARATORS, '');
  if (compact.length % 2 !== 0) {
    throw new ApduError(`Expected \`hex\` to have an even number of hex digits, got ${compact.length}: "${text}".`, 'hex');
  }
  if (!/^[0-9a-fA-F]*$/.test(compact)) {
    throw new ApduError(`Expected \`hex\` to hold only hex digits and separators, got "${text}".`, 'hex');
  }
  const bytes = new Uint8Array(compact.length / 2);
  for (let i = 0; i < bytes.length; i += 1) {
    bytes[i] = parseInt(compact.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/** Formats bytes as upper-case hex, separated by `separator` (default one space). */
export function formatHex(bytes: Uint8Array | readonly number[], separator = ' '): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) {
    if (i > 0) out += separator;
    const byte = bytes[i] ?? 0;
    out += (byte < 16 ? '0' : '') + byte.toString(16).toUpperCase();
  }
  return out;
}

/** One byte as two upper-case hex digits, e.g. 0x6a → '6A'. */
export function formatHexByte(value: number): string {
  return (value & 0xff).toString(16).toUpperCase().padStart(2, '0');
}
