import { formatHex } from '../../apdu/hex';
import { NdefFormatError } from '../nfc-errors';

/** A Type 4 tag's capability container file (E1 03). */
export interface Type4CapabilityContainer {
  /** Mapping version, e.g. 0x20. */
  readonly version: number;
  /** Most bytes one READ BINARY may ask for (MLe). */
  readonly maxRead: number;
  /** Most bytes one UPDATE BINARY may carry (MLc). */
  readonly maxWrite: number;
  /** The NDEF file's identifier, e.g. 0xE104. */
  readonly ndefFileId: number;
  /** The NDEF file's size, including its 2-byte (or 4-byte, v3) length field. */
  readonly ndefFileSize: number;
  /** Bytes of the NDEF file's length field: 2 (NLEN) or 4 (ENLEN, Extended NDEF File Control TLV). */
  readonly lengthFieldSize: 2 | 4;
  /** True when the NDEF file's read access byte is 00. */
  readonly readable: boolean;
  /** True when the NDEF file's write access byte is 00. */
  readonly writable: boolean;
}

/** Parses the CC file: CCLEN, version, MLe, MLc, NDEF File Control TLV (04 06 or, v3, 06 08). */
export function parseType4Cc(bytes: Uint8Array): Type4CapabilityContainer {
  if (bytes.length < 15) throw new NdefFormatError(`Type 4 capability container: 15 bytes at least, got ${bytes.length} (${formatHex(bytes)})`);
  const word = (at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  const version = bytes[2] ?? 0;
  const major = version >> 4;
  if (major < 1 || major > 3) throw new NdefFormatError(`Type 4 capability container: mapping version ${major}.${version & 0xf} is not supported`);
  const maxRead = word(3);
  const maxWrite = word(5);
  if (maxRead < 0x0f || maxWrite < 1) throw new NdefFormatError(`Type 4 capability container: MLe ${maxRead} / MLc ${maxWrite} out of range`);
  const tlvTag = bytes[7];
  const tlvLength = bytes[8] ?? 0;
  if (tlvTag === 0x04 && tlvLength === 6) {
    return {
      version,
      maxRead,
      maxWrite,
      ndefFileId: word(9),
      ndefFileSize: word(11),
      lengthFieldSize: 2,
      readable: bytes[13] === 0x00,
      writable: bytes[14] === 0x00,
    };
  }
  if (tlvTag === 0x06 && tlvLength === 8 && bytes.length >= 17) {
    const size = (((bytes[11] ?? 0) << 24) >>> 0) + ((bytes[12] ?? 0) << 16) + word(13);
    return {
      version,
      maxRead,
      maxWrite,
      ndefFileId: word(9),
      ndefFileSize: size,
      lengthFieldSize: 4,
      readable: bytes[15] === 0x00,
      writable: bytes[16] === 0x00,
    };
  }
  throw new NdefFormatError(
    `Type 4 capability container: no NDEF File Control TLV (found tag ${tlvTag === undefined ? 'none' : formatHex([tlvTag])}, length ${tlvLength})`,
  );
}
