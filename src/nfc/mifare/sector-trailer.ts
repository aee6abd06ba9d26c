import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { LockingTrailerError } from '../nfc-errors';
import { decodeAccessBits, encodeAccessBits, locksSector, type SectorAccess } from './access-bits';

/** A sector trailer's parts: key A, access conditions, general-purpose byte, key B. */
export interface SectorTrailer {
  /** Key A (reads back as zeros from a card). */
  readonly keyA: Uint8Array;
  /** The access conditions of the three data groups and the trailer. */
  readonly access: SectorAccess;
  /** The general-purpose byte 9 (user data). */
  readonly generalPurposeByte: number;
  /** Key B (or 6 bytes of data when readable). */
  readonly keyB: Uint8Array;
}

/** Splits a 16-byte trailer block: key A 0–5, access 6–8, GPB 9, key B 10–15. */
export function decodeSectorTrailer(block: Uint8Array): SectorTrailer {
  if (block.length !== 16) throw InvalidArgumentError.expected('block', 'a 16-byte sector trailer', `${block.length} bytes`);
  return { keyA: block.slice(0, 6), access: decodeAccessBits(block.subarray(6, 9)), generalPurposeByte: block[9] ?? 0, keyB: block.slice(10, 16) };
}

/** Options of encodeSectorTrailer. */
export interface EncodeTrailerOptions {
  /** Allow access conditions that freeze the sector's configuration for good. */
  readonly force?: boolean;
}

/** Builds a 16-byte trailer; refuses (LockingTrailerError) conditions that lock the sector unless `force`. */
export function encodeSectorTrailer(trailer: SectorTrailer, options: EncodeTrailerOptions = {}): Uint8Array {
  if (trailer.keyA.length !== 6) throw InvalidArgumentError.expected('keyA', 'a 6-byte key', `${trailer.keyA.length} bytes`);
  if (trailer.keyB.length !== 6) throw InvalidArgumentError.expected('keyB', 'a 6-byte key', `${trailer.keyB.length} bytes`);
  if (!Number.isInteger(trailer.generalPurposeByte) || trailer.generalPurposeByte < 0 || trailer.generalPurposeByte > 0xff) {
    throw InvalidArgumentError.expected('generalPurposeByte', 'a byte', trailer.generalPurposeByte);
  }
  if (locksSector(trailer.access) && options.force !== true) {
    throw new LockingTrailerError(
      `Trailer access condition ${trailer.access[3].toString(2).padStart(3, '0')} lets no key change the access bits again; pass { force: true } to write it anyway`,
    );
  }
  const out = new Uint8Array(16);
  out.set(trailer.keyA, 0);
  out.set(encodeAccessBits(trailer.access), 6);
  out[9] = trailer.generalPurposeByte;
  out.set(trailer.keyB, 10);
  return out;
}
