import { formatHex, formatHexByte } from '../apdu/hex';
import { describeStatusWord } from '../apdu/status-words';

/** COMPACT-TLV tags of ISO/IEC 7816-4 used in historical bytes. */
const COMPACT_TLV_TAGS: ReadonlyMap<number, string> = new Map([
  [0x1, 'country code'],
  [0x2, 'issuer identification number'],
  [0x3, 'card service data'],
  [0x4, 'initial access data'],
  [0x5, "card issuer's data"],
  [0x6, 'pre-issuing data'],
  [0x7, 'card capabilities'],
  [0x8, 'status indicator'],
  [0xf, 'application identifier'],
]);

/** Registered application provider identifier of the PC/SC Workgroup. */
const PCSC_RID = [0xa0, 0x00, 0x00, 0x03, 0x06];

/** Standard byte of a PC/SC part 3 storage-card ATR. */
const PCSC_STANDARDS: ReadonlyMap<number, string> = new Map([
  [0x00, 'no standard given'],
  [0x01, 'ISO 14443 A, part 1'],
  [0x02, 'ISO 14443 A, part 2'],
  [0x03, 'ISO 14443 A, part 3'],
  [0x05, 'ISO 14443 B, part 1'],
  [0x06, 'ISO 14443 B, part 2'],
  [0x07, 'ISO 14443 B, part 3'],
  [0x09, 'ISO 15693, part 1'],
  [0x0a, 'ISO 15693, part 2'],
  [0x0b, 'ISO 15693, part 3'],
  [0x0c, 'ISO 15693, part 4'],
  [0x0d, 'contact card, ISO 7816-10 I2C'],
  [0x0e, 'contact card, ISO 7816-10 extended I2C'],
  [0x11, 'FeliCa'],
  [0x40, 'low frequency contactless'],
]);

/** Human-readable lines about the historical bytes, indented by `indent`. */
export function describeHistoricalBytes(bytes: Uint8Array, indent = '  '): string[] {
  const category = bytes[0];
  if (category === undefined) return [];
  const rest = bytes.subarray(1);
  const head = `${indent}Category indicator ${formatHexByte(category)}: `;
  if (category === 0x00) {
    if (rest.length < 3) return [`${head}COMPACT-TLV objects and a status indicator, but fewer than 3 bytes follow`];
    const status = rest.subarray(rest.length - 3);
    return [
      `${head}COMPACT-TLV objects followed by a 3-byte status indicator`,
      ...describeCompactTlv(rest.subarray(0, rest.length - 3), `${indent}  `),
      ...describeStatusIndicator(status, `${indent}  `),
    ];
  }
  if (category === 0x10) return [`${head}DIR data reference follows${rest.length > 0 ? `: ${formatHex(rest)}` : ''}`];
  if (category === 0x80) {
    if (isPcscStorageCard(rest)) return [`${head}PC/SC storage card (PC/SC part 3)`, ...describePcscStorageCard(rest, `${indent}  `)];
    return [`${head}COMPACT-TLV objects`, ...describeCompactTlv(rest, `${indent}  `)];
  }
  if (category > 0x80 && category <= 0x8f) return [`${head}reserved for future use`];
  return [`${head}proprietary format`];
}

function describeCompactTlv(bytes: Uint8Array, indent: string): string[] {
  const lines: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const header = bytes[offset] ?? 0;
    const tag = header >> 4;
    const length = header & 0x0f;
    const value = bytes.subarray(offset + 1, offset + 1 + length);
    const name = COMPACT_TLV_TAGS.get(tag) ?? 'unknown tag';
    lines.push(`${indent}Tag ${tag.toString(16).toUpperCase()} (${name}), length ${length}${length > 0 ? `: ${formatHex(value)}` : ''}`);
    if (value.length < length) {
      lines.push(`${indent}  Only ${value.length} of the ${length} announced bytes are present`);
    } else if (tag === 0x8) {
      lines.push(...describeStatusIndicator(value, `${indent}  `));
    }
    offset += 1 + length;
  }
  return lines;
}

/** Status indicator: a life cycle status byte, a status word, or both. */
function describeStatusIndicator(bytes: Uint8Array, indent: string): string[] {
  const lines: string[] = [];
  if (bytes.length === 1 || bytes.length === 3) lines.push(`${indent}Life cycle status: ${formatHexByte(bytes[0] ?? 0)}`);
  if (bytes.length >= 2) {
    const sw1 = bytes[bytes.length - 2] ?? 0;
    const sw2 = bytes[bytes.length - 1] ?? 0;
    lines.push(`${indent}Status word: ${formatHexByte(sw1)} ${formatHexByte(sw2)} (${describeStatusWord(sw1, sw2)})`);
  }
  return lines;
}

/** PC/SC part 3: 4F, length, RID A0 00 00 03 06, standard, card name (2 bytes), RFU. */
function isPcscStorageCard(bytes: Uint8Array): boolean {
  return bytes[0] === 0x4f && bytes.length >= 10 && PCSC_RID.every((value, i) => bytes[2 + i] === value);
}

function describePcscStorageCard(bytes: Uint8Array, indent: string): string[] {
  const standard = bytes[7] ?? 0;
  const name = ((bytes[8] ?? 0) << 8) | (bytes[9] ?? 0);
  return [
    `${indent}Application identifier (length ${bytes[1] ?? 0}): RID ${formatHex(PCSC_RID)} (PC/SC Workgroup)`,
    `${indent}Standard ${formatHexByte(standard)}: ${PCSC_STANDARDS.get(standard) ?? 'unknown'}`,
    `${indent}Card name code: ${formatHexByte(name >> 8)} ${formatHexByte(name & 0xff)}`,
  ];
}
