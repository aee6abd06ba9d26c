import { formatHex } from '../../apdu/hex';
import { NdefFormatError } from '../nfc-errors';

/** A Type 2 tag's capability container (page 3). */
export interface Type2CapabilityContainer {
  /** Mapping version, e.g. 0x10 for 1.0. */
  readonly version: number;
  /** Bytes of the data area (CC byte 2 × 8). */
  readonly dataAreaSize: number;
  /** True when CC byte 3 grants write access (0x00). */
  readonly writable: boolean;
}

/** Parses page 3: magic E1, version 1.x, size / 8, access (NFC Forum Type 2 Tag §6.1). */
export function parseType2Cc(page: Uint8Array): Type2CapabilityContainer {
  if (page.length < 4) throw new NdefFormatError(`Type 2 capability container: 4 bytes expected, got ${page.length}`);
  if (page[0] !== 0xe1)
    throw new NdefFormatError(`Type 2 capability container ${formatHex(page.subarray(0, 4))}: no NDEF magic number E1 (the tag is not NDEF formatted)`);
  const version = page[1] ?? 0;
  if (version >> 4 !== 1)
    throw new NdefFormatError(`Type 2 capability container: mapping version ${version >> 4}.${version & 0xf} is not supported (1.x expected)`);
  const dataAreaSize = (page[2] ?? 0) * 8;
  if (dataAreaSize === 0) throw new NdefFormatError('Type 2 capability container: data area size 0');
  const access = page[3] ?? 0;
  return { version, dataAreaSize, writable: access >> 4 === 0 && (access & 0x0f) === 0 };
}
