/**
 * ATRs a PC/SC contactless reader builds (PC/SC Part 3 §3.1.3.2.3): storage cards get
 * `3B 8F 80 01 80 4F 0C A0 00 00 03 06 SS NN NN 00 00 00 00 TCK`, ISO 14443-4 cards
 * `3B 8n 80 01 <historical bytes> TCK`.
 */

function withTck(bytes: number[]): Uint8Array {
  const tck = bytes.slice(1).reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([...bytes, tck]);
}

/** Storage-card ATR with standard byte `ss` and card name `cardName` (e.g. 0x03, 0x0001 for MIFARE Classic 1K). */
export function storageCardAtr(ss: number, cardName: number): Uint8Array {
  return withTck([0x3b, 0x8f, 0x80, 0x01, 0x80, 0x4f, 0x0c, 0xa0, 0x00, 0x00, 0x03, 0x06, ss, cardName >> 8, cardName & 0xff, 0x00, 0x00, 0x00, 0x00]);
}

/** ISO 14443-4 card ATR carrying `historical` (the ATS historical bytes); none gives `3B 80 80 01 01`. */
export function iso14443_4Atr(historical: readonly number[]): Uint8Array {
  if (historical.length > 15) throw new RangeError('at most 15 historical bytes');
  return withTck([0x3b, 0x80 | historical.length, 0x80, 0x01, ...historical]);
}
