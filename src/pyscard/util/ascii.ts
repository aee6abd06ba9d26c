import type { ByteList } from './hex-string';

/** The character codes of a string: toASCIIBytes('Number 101') → [78, 117, ...]. */
export function toASCIIBytes(stringtoconvert: string): number[] {
  return Array.from(stringtoconvert, (char) => char.codePointAt(0) ?? 0);
}

/** Bytes as text; bytes below 32 or above 127 show as '.' (PySCard's rule). */
export function toASCIIString(bytelist: ByteList): string {
  return Array.from(bytelist, (byte) => (byte < 32 || byte > 127 ? '.' : String.fromCharCode(byte))).join('');
}

/** Each byte as the character with that code (PySCard: HexListToBinString). */
export function HexListToBinString(hexlist: ByteList): string {
  return Array.from(hexlist, (byte) => String.fromCodePoint(byte)).join('');
}

/** Each character's code (PySCard: BinStringToHexList). */
export function BinStringToHexList(binstring: string): number[] {
  return toASCIIBytes(binstring);
}

/** PySCard's short name for HexListToBinString. */
export const hl2bs = HexListToBinString;
/** PySCard's short name for BinStringToHexList. */
export const bs2hl = BinStringToHexList;
