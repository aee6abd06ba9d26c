import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { NfcError } from '../nfc-errors';

/** C1 C2 C3 of one block group, as a number 0–7 (C1 is bit 2, C3 bit 0). */
export type AccessCondition = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The access conditions of a sector: data block groups 0, 1, 2 and the trailer (3). */
export type SectorAccess = readonly [AccessCondition, AccessCondition, AccessCondition, AccessCondition];

/** The sector's access bytes (trailer bytes 6–8) are not a valid encoding: the inverted copies disagree. */
export class AccessBitsError extends NfcError {}

/** The transport configuration (data 000, trailer 001): bytes FF 07 80. */
export const TRANSPORT_ACCESS: SectorAccess = [0, 0, 0, 1];

function bit(value: number, index: number): number {
  return (value >> index) & 1;
}

/**
 * Decodes trailer bytes 6–8 (NXP MF1S50 §8.7): byte 6 = ~C2 (high nibble) | ~C1 (low nibble),
 * byte 7 = C1 | ~C3, byte 8 = C3 | C2, bit n of each nibble for block group n.
 */
export function decodeAccessBits(bytes: Uint8Array | readonly number[]): SectorAccess {
  if (bytes.length < 3) throw InvalidArgumentError.expected('bytes', 'the 3 access bytes of a sector trailer', `${bytes.length} bytes`);
  const b6 = bytes[0] ?? 0;
  const b7 = bytes[1] ?? 0;
  const b8 = bytes[2] ?? 0;
  const c1 = b7 >> 4;
  const c2 = b8 & 0x0f;
  const c3 = b8 >> 4;
  if ((~b6 & 0x0f) !== c1 || ((~b6 >> 4) & 0x0f) !== c2 || (~b7 & 0x0f) !== c3) {
    throw new AccessBitsError('The access bytes are inconsistent (an inverted copy disagrees); writing them would block the sector for good');
  }
  const group = (n: number): AccessCondition => ((bit(c1, n) << 2) | (bit(c2, n) << 1) | bit(c3, n)) as AccessCondition;
  return [group(0), group(1), group(2), group(3)];
}

/** Encodes access conditions into trailer bytes 6–8 (the inverse of decodeAccessBits). */
export function encodeAccessBits(access: SectorAccess): Uint8Array {
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  access.forEach((condition, n) => {
    if (!Number.isInteger(condition) || condition < 0 || condition > 7)
      throw InvalidArgumentError.expected(`access[${n}]`, 'an access condition from 0 to 7', condition);
    c1 |= bit(condition, 2) << n;
    c2 |= bit(condition, 1) << n;
    c3 |= bit(condition, 0) << n;
  });
  return Uint8Array.of(((~c2 & 0x0f) << 4) | (~c1 & 0x0f), (c1 << 4) | (~c3 & 0x0f), (c3 << 4) | c2);
}

/** Which key may do something: either, only B, or none. */
export type KeyPermission = 'A|B' | 'A' | 'B' | 'never';

/** What a data block group's condition allows (NXP MF1S50 table 8). */
export interface DataBlockRights {
  /** Read. */
  readonly read: KeyPermission;
  /** Write. */
  readonly write: KeyPermission;
  /** Increment. */
  readonly increment: KeyPermission;
  /** Decrement, transfer, restore. */
  readonly decrement: KeyPermission;
}

/** What the trailer's condition allows (NXP MF1S50 table 7). */
export interface TrailerRights {
  /** Writing key A. */
  readonly writeKeyA: KeyPermission;
  /** Reading the access bytes. */
  readonly readAccess: KeyPermission;
  /** Writing the access bytes. */
  readonly writeAccess: KeyPermission;
  /** Reading key B (a readable key B cannot authenticate). */
  readonly readKeyB: KeyPermission;
  /** Writing key B. */
  readonly writeKeyB: KeyPermission;
}

const DATA_RIGHTS: Readonly<Record<AccessCondition, DataBlockRights>> = {
  0: { read: 'A|B', write: 'A|B', increment: 'A|B', decrement: 'A|B' },
  1: { read: 'A|B', write: 'never', increment: 'never', decrement: 'A|B' },
  2: { read: 'A|B', write: 'never', increment: 'never', decrement: 'never' },
  3: { read: 'B', write: 'B', increment: 'never', decrement: 'never' },
  4: { read: 'A|B', write: 'B', increment: 'never', decrement: 'never' },
  5: { read: 'B', write: 'never', increment: 'never', decrement: 'never' },
  6: { read: 'A|B', write: 'B', increment: 'B', decrement: 'A|B' },
  7: { read: 'never', write: 'never', increment: 'never', decrement: 'never' },
};

const TRAILER_RIGHTS: Readonly<Record<AccessCondition, TrailerRights>> = {
  0: { writeKeyA: 'A', readAccess: 'A', writeAccess: 'never', readKeyB: 'A', writeKeyB: 'A' },
  1: { writeKeyA: 'A', readAccess: 'A', writeAccess: 'A', readKeyB: 'A', writeKeyB: 'A' },
  2: { writeKeyA: 'never', readAccess: 'A', writeAccess: 'never', readKeyB: 'A', writeKeyB: 'never' },
  3: { writeKeyA: 'B', readAccess: 'A|B', writeAccess: 'B', readKeyB: 'never', writeKeyB: 'B' },
  4: { writeKeyA: 'B', readAccess: 'A|B', writeAccess: 'never', readKeyB: 'never', writeKeyB: 'B' },
  5: { writeKeyA: 'never', readAccess: 'A|B', writeAccess: 'B', readKeyB: 'never', writeKeyB: 'never' },
  6: { writeKeyA: 'never', readAccess: 'A|B', writeAccess: 'never', readKeyB: 'never', writeKeyB: 'never' },
  7: { writeKeyA: 'never', readAccess: 'A|B', writeAccess: 'never', readKeyB: 'never', writeKeyB: 'never' },
};

/** The rights a data block group's condition grants. */
export function dataBlockRights(condition: AccessCondition): DataBlockRights {
  return DATA_RIGHTS[condition];
}

/** The rights the trailer's condition grants. */
export function trailerRights(condition: AccessCondition): TrailerRights {
  return TRAILER_RIGHTS[condition];
}

/** True when `key` may do what `permission` guards. */
export function keyAllows(permission: KeyPermission, key: 'A' | 'B'): boolean {
  return permission === 'A|B' || permission === key;
}

/**
 * True when writing these access conditions leaves no key able to change the access bytes
 * again: the sector's configuration is then frozen for good.
 */
export function locksSector(access: SectorAccess): boolean {
  return trailerRights(access[3]).writeAccess === 'never';
}
