/** MIFARE key type of an authentication. */
export type ChipKeyType = 'A' | 'B';

/** A result of a chip operation: data, or a failure the reader reports as its error SW. */
export type ChipResult =
  | {
      /** Success. */
      readonly ok: true;
      /** The bytes read (empty for a write). */
      readonly data: Uint8Array;
    }
  | {
      /** Failure: the chip NAKed or did not answer. */
      readonly ok: false;
    };

/** What a contactless chip does for the reader firmware: the memory operations behind the Part 3 pseudo-APDUs. */
export interface TagChip {
  /** The UID the reader learns during anticollision. */
  readonly uid: Uint8Array;
  /** The ATR a PC/SC reader builds for it. */
  readonly atr: Uint8Array;
  /** ATS historical bytes (ISO 14443-4 chips only). */
  readonly historicalBytes?: Uint8Array;
  /** The tag left the field and came back (or the reader reset it): authentication and selection are lost. */
  reset(): void;
  /** READ of `length` bytes at block/page `block`. */
  read?(block: number, length: number): ChipResult;
  /** WRITE of `data` at block/page `block`. */
  write?(block: number, data: Uint8Array): ChipResult;
  /** MIFARE authentication with a key the reader holds. */
  authenticate?(block: number, type: ChipKeyType, key: Uint8Array): boolean;
  /** ISO 7816-4 APDU for ISO 14443-4 chips: response data + SW. */
  apdu?(command: Uint8Array): Uint8Array;
  /** A native command frame (e.g. Type 2 GET_VERSION 60, READ 30) as a reader passes it through: the answer, or a failure (NAK or silence). */
  native?(frame: Uint8Array): ChipResult;
}

/** A success result. */
export function ok(data: Uint8Array = new Uint8Array(0)): ChipResult {
  return { ok: true, data };
}

/** A failure result. */
export const FAILED: ChipResult = { ok: false };
