/** The NTAG21x chips whose memory layout is known. */
export type NtagModel = 'ntag213' | 'ntag215' | 'ntag216';

/** Where an NTAG keeps its dynamic lock bytes and what each lock bit covers. */
export interface NtagLayout {
  /** The chip. */
  readonly model: NtagModel;
  /** Pages in all (user memory, dynamic lock, configuration, password). */
  readonly pages: number;
  /** CC byte 2 as NXP ships the chip (data area / 8). */
  readonly ccSize: number;
  /** GET_VERSION byte 6 (storage size). */
  readonly storageSize: number;
  /** The page holding dynamic lock bytes 0–2 (byte 3 is reserved). */
  readonly dynamicLockPage: number;
  /** Pages one dynamic lock bit makes read-only, from page 16 on. */
  readonly pagesPerLockBit: number;
}

/**
 * NXP NTAG213/215/216 datasheet: dynamic lock bytes in page 28h / 82h / E2h, each bit locking 2
 * pages (NTAG213; its factory Lock Control TLV 01 03 A0 0C 34 says the same: 12 bits of 8 bytes at
 * byte 160) or 16 pages (NTAG215/216) from page 16 up to the lock page; CC sizes 12h / 3Eh / 6Dh;
 * GET_VERSION storage size 0Fh / 11h / 13h.
 */
export const NTAG_LAYOUTS: Readonly<Record<NtagModel, NtagLayout>> = {
  ntag213: { model: 'ntag213', pages: 45, ccSize: 0x12, storageSize: 0x0f, dynamicLockPage: 0x28, pagesPerLockBit: 2 },
  ntag215: { model: 'ntag215', pages: 135, ccSize: 0x3e, storageSize: 0x11, dynamicLockPage: 0x82, pagesPerLockBit: 16 },
  ntag216: { model: 'ntag216', pages: 231, ccSize: 0x6d, storageSize: 0x13, dynamicLockPage: 0xe2, pagesPerLockBit: 16 },
};

/** First page the dynamic lock bits cover. */
export const FIRST_DYNAMIC_PAGE = 16;

/** The NTAG whose factory CC has this size byte, if any. */
export function ntagByCcSize(ccSize: number): NtagLayout | undefined {
  return Object.values(NTAG_LAYOUTS).find((layout) => layout.ccSize === ccSize);
}

/** The NTAG with this GET_VERSION answer (vendor 04, type 04 = NTAG, storage size byte), if any. */
export function ntagByVersion(version: Uint8Array): NtagLayout | undefined {
  if (version.length < 8 || version[1] !== 0x04 || version[2] !== 0x04) return undefined;
  return Object.values(NTAG_LAYOUTS).find((layout) => layout.storageSize === version[6]);
}

/** True when dynamic lock bytes 0–1 (`locks`, byte 0 low) make `page` read-only. */
export function dynamicallyLocked(layout: NtagLayout, locks: number, page: number): boolean {
  if (page < FIRST_DYNAMIC_PAGE || page >= layout.dynamicLockPage) return false;
  const bit = Math.floor((page - FIRST_DYNAMIC_PAGE) / layout.pagesPerLockBit);
  return bit < 16 && (locks & (1 << bit)) !== 0;
}
