/** nfc-pcsc's tag standard: ISO 14443-3 (storage tags, answered by the reader) or ISO 14443-4 (smart cards, phones). */
export type TagStandard = 'TAG_ISO_14443_3' | 'TAG_ISO_14443_4';

/** ISO/IEC 14443-3 tags (MIFARE Classic, Ultralight, NTAG…). */
export const TAG_ISO_14443_3 = 'TAG_ISO_14443_3';
/** ISO/IEC 14443-4 tags (DESFire, Type 4 tags, phones…). */
export const TAG_ISO_14443_4 = 'TAG_ISO_14443_4';
/** MIFARE key A (GENERAL AUTHENTICATE key type 60). */
export const KEY_TYPE_A = 0x60;
/** MIFARE key B (key type 61). */
export const KEY_TYPE_B = 0x61;
/** connect(): a shared card connection. */
export const CONNECT_MODE_CARD = 'CONNECT_MODE_CARD';
/** connect(): a direct connection to the reader (escape commands without a card). */
export const CONNECT_MODE_DIRECT = 'CONNECT_MODE_DIRECT';

/** The card object of the 'card' and 'card.off' events. */
export interface NfcCard {
  /** The ATR. */
  atr?: Buffer;
  /** The standard, from the ATR. */
  standard?: TagStandard;
  /** Same as standard (nfc-pcsc keeps both). */
  type?: TagStandard;
  /** The UID as lower-case hex (ISO 14443-3 tags; ISO 14443-4 tags too here, see the differences). */
  uid?: string;
  /** The answer to the SELECT of `reader.aid` (ISO 14443-4 tags with an AID set). */
  data?: Buffer;
}

/** The connection object connect() resolves with. */
export interface NfcConnection {
  /** SCARD_SHARE_* of the connection. */
  readonly type: number;
  /** The active protocol as a SCARD_PROTOCOL_* number (0 for a direct connection). */
  readonly protocol: number;
}
