import { parseAtr } from '../atr/parse-atr';
import type { AtrInput } from '../atr/atr-input';

/**
 * What a tag is, as the reader's ATR tells it. Storage cards carry PC/SC Part 3's card name;
 * ISO 14443-4 cards (smart cards, DESFire, phones) carry their ATS or ATQB bytes instead.
 */
export type TagKind =
  | 'mifare-classic-1k'
  | 'mifare-classic-4k'
  | 'mifare-mini'
  | 'mifare-ultralight'
  | 'mifare-ultralight-c'
  | 'mifare-ultralight-ev1'
  | 'mifare-plus-2k'
  | 'mifare-plus-4k'
  | 'felica'
  | 'topaz'
  | 'icode'
  | 'iso15693'
  | 'storage-card'
  | 'iso14443-4'
  | 'unknown';

/** The radio standard PC/SC Part 3's standard byte names (SS). */
export type TagStandard = 'iso14443a' | 'iso14443b' | 'iso15693' | 'felica' | 'iso7816-10' | 'low-frequency' | 'unknown';

/** A tag's identity read from the ATR alone: nothing is sent to the tag. */
export interface TagIdentity {
  /** The card kind. */
  readonly kind: TagKind;
  /** The radio standard, when the ATR says. */
  readonly standard: TagStandard;
  /** A readable name, e.g. 'MIFARE Classic 1K'. */
  readonly name: string;
  /** True for storage cards (memory tags addressed with the Part 3 pseudo-APDUs). */
  readonly storage: boolean;
  /** PC/SC Part 3 card-name bytes NN NN for storage cards (e.g. 0x0001), undefined otherwise. */
  readonly cardName: number | undefined;
  /** The ATR's historical bytes (for ISO 14443-4 cards: the ATS historical bytes or ATQB data). */
  readonly historicalBytes: Uint8Array;
}

/** PC/SC Part 3 registered application provider identifier in a storage card's ATR. */
const PART3_RID = [0xa0, 0x00, 0x00, 0x03, 0x06];

/** Part 3 card names (NN NN), as pcsc-tools' smartcard_list.txt lists them. */
const CARD_NAMES: ReadonlyMap<number, { kind: TagKind; name: string }> = new Map([
  [0x0001, { kind: 'mifare-classic-1k', name: 'MIFARE Classic 1K' }],
  [0x0002, { kind: 'mifare-classic-4k', name: 'MIFARE Classic 4K' }],
  [0x0003, { kind: 'mifare-ultralight', name: 'MIFARE Ultralight / NTAG' }],
  [0x0014, { kind: 'icode', name: 'ICODE SLI' }],
  [0x0026, { kind: 'mifare-mini', name: 'MIFARE Mini' }],
  [0x002f, { kind: 'topaz', name: 'Jewel' }],
  [0x0030, { kind: 'topaz', name: 'Topaz' }],
  [0x0035, { kind: 'icode', name: 'ICODE SL2' }],
  [0x0036, { kind: 'mifare-plus-2k', name: 'MIFARE Plus SL1 2K' }],
  [0x0037, { kind: 'mifare-plus-4k', name: 'MIFARE Plus SL1 4K' }],
  [0x003a, { kind: 'mifare-ultralight-c', name: 'MIFARE Ultralight C' }],
  [0x003b, { kind: 'felica', name: 'FeliCa' }],
  [0x003d, { kind: 'mifare-ultralight-ev1', name: 'MIFARE Ultralight EV1' }],
  // ACS readers' own card names (ACR122 API manual).
  [0xf004, { kind: 'topaz', name: 'Topaz/Jewel' }],
  [0xf011, { kind: 'felica', name: 'FeliCa 212K' }],
  [0xf012, { kind: 'felica', name: 'FeliCa 424K' }],
]);

function standardOf(ss: number): TagStandard {
  if (ss >= 0x01 && ss <= 0x04) return 'iso14443a';
  if (ss >= 0x05 && ss <= 0x08) return 'iso14443b';
  if (ss >= 0x09 && ss <= 0x0c) return 'iso15693';
  if (ss >= 0x0d && ss <= 0x10) return 'iso7816-10';
  if (ss === 0x11) return 'felica';
  if (ss === 0x40) return 'low-frequency';
  return 'unknown';
}

/** Reads a tag's kind from its ATR (PC/SC Part 3 §3.1.3.2.3); sends nothing to the tag. */
export function identifyTag(atr: AtrInput): TagIdentity {
  const parsed = parseAtr(atr);
  const hist = parsed.historicalBytes;
  const storage = storageIdentity(hist);
  if (storage) return storage;
  if (isContactlessSmartCardAtr(parsed.bytes)) {
    return { kind: 'iso14443-4', standard: 'unknown', name: 'ISO 14443-4 card', storage: false, cardName: undefined, historicalBytes: hist };
  }
  return { kind: 'unknown', standard: 'unknown', name: 'Unknown card', storage: false, cardName: undefined, historicalBytes: hist };
}

/** Category 80, then the AID TLV 4F 0C: RID A0 00 00 03 06, SS, NN NN, RFU 00 00 00 00. */
function storageIdentity(hist: Uint8Array): TagIdentity | undefined {
  if (hist.length < 11 || hist[0] !== 0x80 || hist[1] !== 0x4f || (hist[2] ?? 0) < 8) return undefined;
  if (!PART3_RID.every((byte, i) => hist[3 + i] === byte)) return undefined;
  const ss = hist[8] ?? 0;
  const cardName = ((hist[9] ?? 0) << 8) | (hist[10] ?? 0);
  const known = CARD_NAMES.get(cardName);
  const standard = standardOf(ss);
  const fallback: { kind: TagKind; name: string } =
    standard === 'iso15693'
      ? { kind: 'iso15693', name: 'ISO 15693 tag' }
      : standard === 'felica'
        ? { kind: 'felica', name: 'FeliCa' }
        : { kind: 'storage-card', name: `Storage card ${cardName.toString(16).padStart(4, '0').toUpperCase()}` };
  const { kind, name } = known ?? fallback;
  return { kind, standard, name, storage: true, cardName, historicalBytes: hist };
}

/** `3B 8n 80 01 …`: TD1 announces T=0 → TD2 with T=1, the shape Part 3 gives ISO 14443-4 cards. */
function isContactlessSmartCardAtr(atr: Uint8Array): boolean {
  return atr[0] === 0x3b && ((atr[1] ?? 0) & 0xf0) === 0x80 && atr[2] === 0x80 && atr[3] === 0x01;
}

/** True for kinds read and written with 4-byte pages (NFC Forum Type 2). */
export function isType2Kind(kind: TagKind): boolean {
  return kind === 'mifare-ultralight' || kind === 'mifare-ultralight-c' || kind === 'mifare-ultralight-ev1';
}

/** True for MIFARE Classic kinds (16-byte blocks, sector keys). */
export function isMifareClassicKind(kind: TagKind): boolean {
  return kind === 'mifare-classic-1k' || kind === 'mifare-classic-4k' || kind === 'mifare-mini' || kind === 'mifare-plus-2k' || kind === 'mifare-plus-4k';
}
