/** MIFARE key A or key B (the Part 3 key type byte 60 / 61). */
export type KeyType = 'A' | 'B';

/** Part 3 key type codes used in GENERAL AUTHENTICATE. */
export const KEY_TYPE_CODES: Readonly<Record<KeyType, number>> = { A: 0x60, B: 0x61 };

/** The reader families whose key handling differs. */
export type ReaderProfileName = 'acs' | 'identiv' | 'omnikey' | 'generic';

/** P1 P2 of LOAD KEYS and the key number GENERAL AUTHENTICATE names, for one key slot. */
export interface KeyAddressing {
  /** LOAD KEYS P1 (key structure: volatile/non-volatile, card key). */
  readonly loadP1: number;
  /** LOAD KEYS P2 (key number, or key type on Identiv readers). */
  readonly loadP2: number;
  /** The key number GENERAL AUTHENTICATE sends. */
  readonly authKeyNumber: number;
}

/** How one reader family loads keys and authenticates (the part of PC/SC Part 3 left to vendors). */
export interface ReaderProfile {
  /** The family. */
  readonly name: ReaderProfileName;
  /** The key slots this reader's volatile memory offers. */
  readonly keySlots: readonly number[];
  /** LOAD KEYS / GENERAL AUTHENTICATE addressing for a key of `type` in `slot`. */
  keyAddressing(type: KeyType, slot: number): KeyAddressing;
  /**
   * How a native tag frame (e.g. GET_VERSION 60) reaches the tag, if the reader passes one:
   * 'pn532' = the ACR122U's direct transmit `FF 00 00 00 Lc D4 42 <frame>` (InCommunicateThru).
   */
  readonly passThrough?: 'pn532';
  /**
   * The reader's own escape commands: 'acr122' = `FF 00 …` (ACR122U), 'acr1252' = `E0 00 00 cmd`
   * framed (ACR1252U, ACR1255U, ACR1281U; they keep the ACR122U's `FF 00 40` LED/buzzer too).
   */
  readonly escapeFraming?: 'acr122' | 'acr1252';
}

/** ACS (ACR122U, ACR1252U, ACR1255U): volatile slots 00 and 01, `FF 82 00 slot` (ACR122U API manual). */
const ACS: ReaderProfile = {
  name: 'acs',
  keySlots: [0, 1],
  keyAddressing: (_type, slot) => ({ loadP1: 0x00, loadP2: slot, authKeyNumber: slot }),
  passThrough: 'pn532',
  escapeFraming: 'acr122',
};

/**
 * ACS readers of the ACR1252U family (ACR1252U, ACR1255U, ACR1281U, ACM1252U): the ACS key
 * handling, escape commands framed `E0 00 00 cmd Lc data` → `E1 00 00 00 Le data`, no PN532
 * pass-through (ACM1252U-Y3 and ACR1255U-J1 reference manuals).
 */
export const ACR1252_PROFILE: ReaderProfile = {
  name: 'acs',
  keySlots: ACS.keySlots,
  keyAddressing: (type, slot) => ACS.keyAddressing(type, slot),
  escapeFraming: 'acr1252',
};

/**
 * Identiv / SCM (uTrust, SCL3711, SCL01x): LOAD KEYS P2 is the key type 60/61 and GENERAL
 * AUTHENTICATE then names key number 01 (uTrust 3720F and SCL3711 reference manuals).
 */
const IDENTIV: ReaderProfile = {
  name: 'identiv',
  keySlots: [0],
  keyAddressing: (type) => ({ loadP1: 0x00, loadP2: type === 'A' ? 0x60 : 0x61, authKeyNumber: 0x01 }),
};

/** HID OMNIKEY: keys in the reader's non-volatile slots, `FF 82 20 slot` (HID's MIFARE sample). */
const OMNIKEY: ReaderProfile = {
  name: 'omnikey',
  keySlots: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31],
  keyAddressing: (_type, slot) => ({ loadP1: 0x20, loadP2: slot, authKeyNumber: slot }),
};

/** Plain PC/SC Part 3: volatile key `FF 82 00 slot`. */
const GENERIC: ReaderProfile = {
  name: 'generic',
  keySlots: [0, 1],
  keyAddressing: (_type, slot) => ({ loadP1: 0x00, loadP2: slot, authKeyNumber: slot }),
};

/** The built-in profiles by name. */
export const READER_PROFILES: Readonly<Record<ReaderProfileName, ReaderProfile>> = { acs: ACS, identiv: IDENTIV, omnikey: OMNIKEY, generic: GENERIC };

/** Chooses a profile from the reader's PC/SC name (e.g. 'ACS ACR122U PICC Interface 00 00' → acs). */
export function profileForReader(readerName: string): ReaderProfile {
  if (/\bAC[RM]12(52|55|81)/i.test(readerName)) return ACR1252_PROFILE;
  if (/\bACS\b|\bACR\d/i.test(readerName)) return ACS;
  if (/identiv|\bSCM\b|utrust|\bSCL\d|\bCLOUD\s?\d/i.test(readerName)) return IDENTIV;
  if (/omnikey|\bHID\b/i.test(readerName)) return OMNIKEY;
  return GENERIC;
}
