import { NdefFormatError } from '../nfc-errors';

/** TLV tags of the Type 2 data area. */
export const TLV_NULL = 0x00;
/** Lock Control TLV. */
export const TLV_LOCK_CONTROL = 0x01;
/** Memory Control TLV. */
export const TLV_MEMORY_CONTROL = 0x02;
/** NDEF Message TLV. */
export const TLV_NDEF = 0x03;
/** Terminator TLV. */
export const TLV_TERMINATOR = 0xfe;

/** A byte range of the data area a Lock or Memory Control TLV reserves. */
export interface ReservedArea {
  /** Offset in the data area (page 4 = offset 0). */
  readonly offset: number;
  /** Length in bytes. */
  readonly length: number;
}

/** Where the NDEF TLV is and what the area before it holds. */
export interface Type2Layout {
  /** Offset of the NDEF TLV's tag byte, or undefined when there is none. */
  readonly ndefOffset: number | undefined;
  /** Offset of the NDEF message (after T and L). */
  readonly messageOffset: number;
  /** Length of the NDEF message. */
  readonly messageLength: number;
  /** Areas reserved by control TLVs (lock bytes, vendor memory). */
  readonly reserved: readonly ReservedArea[];
  /** Bytes before the NDEF TLV that a rewrite keeps (control TLVs). */
  readonly prefixLength: number;
}

/**
 * Walks the TLVs from the data area's start. `byteAt(i)` gives data-area byte i, or undefined past
 * the end. Anything that runs past the area or uses an unknown tag is an NdefFormatError.
 */
export function parseType2Tlvs(byteAt: (offset: number) => number | undefined, areaSize: number): Type2Layout {
  const reserved: ReservedArea[] = [];
  let offset = 0;
  const need = (at: number): number => {
    const value = at < areaSize ? byteAt(at) : undefined;
    if (value === undefined) throw new NdefFormatError(`Type 2 TLV at byte ${offset}: runs past the end of the ${areaSize}-byte data area`);
    return value;
  };
  while (offset < areaSize) {
    const tag = need(offset);
    if (tag === TLV_NULL) {
      offset += 1;
      continue;
    }
    if (tag === TLV_TERMINATOR) break;
    let length = need(offset + 1);
    let headerLength = 2;
    if (length === 0xff) {
      length = (need(offset + 2) << 8) | need(offset + 3);
      headerLength = 4;
    }
    if (offset + headerLength + length > areaSize)
      throw new NdefFormatError(
        `Type 2 TLV ${tag.toString(16).toUpperCase()} at byte ${offset}: length ${length} runs past the end of the ${areaSize}-byte data area`,
      );
    if (tag === TLV_NDEF) {
      return { ndefOffset: offset, messageOffset: offset + headerLength, messageLength: length, reserved, prefixLength: offset };
    }
    if (tag === TLV_LOCK_CONTROL || tag === TLV_MEMORY_CONTROL) {
      if (length !== 3)
        throw new NdefFormatError(`Type 2 ${tag === TLV_LOCK_CONTROL ? 'Lock' : 'Memory'} Control TLV at byte ${offset}: length ${length}, 3 expected`);
      reserved.push(controlArea(need(offset + 2), need(offset + 3), need(offset + 4)));
    } else if (tag !== 0xfd) {
      throw new NdefFormatError(`Type 2 TLV at byte ${offset}: unknown tag 0x${tag.toString(16).padStart(2, '0').toUpperCase()}`);
    }
    offset += headerLength + length;
  }
  return { ndefOffset: undefined, messageOffset: 0, messageLength: 0, reserved, prefixLength: 0 };
}

/** Position byte (page high nibble, offset low nibble), size (0 = 256), page-size exponent (low nibble), as data-area range. */
function controlArea(position: number, size: number, pageControl: number): ReservedArea {
  const bytesPerPage = 1 << (pageControl & 0x0f);
  const address = (position >> 4) * bytesPerPage + (position & 0x0f);
  const length = size === 0 ? 256 : size;
  // Addresses count from page 0; the data area starts at page 4 (16 bytes).
  return { offset: address - 16, length };
}

/** The NDEF TLV for a message: 03 L (1 byte, or FF + 2 bytes from 255 on) message FE. */
export function ndefTlv(message: Uint8Array): Uint8Array {
  const header = message.length < 0xff ? [TLV_NDEF, message.length] : [TLV_NDEF, 0xff, message.length >> 8, message.length & 0xff];
  return Uint8Array.from([...header, ...message, TLV_TERMINATOR]);
}
