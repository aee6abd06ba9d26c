/**
 * PySCard's smartcard.pcsc.PCSCPart10: the PC/SC v2 part 10 reader features (pinpad, display,
 * TLV properties) a reader announces through CM_IOCTL_GET_FEATURE_REQUEST.
 */
import type { CardConnection } from './card-connection';
import { SCARD_CTL_CODE } from './scard/constants';

/** The control code that asks a reader for its part 10 features (SCARD_CTL_CODE(3400)). */
export const CM_IOCTL_GET_FEATURE_REQUEST = SCARD_CTL_CODE(3400);

/** The part 10 feature names in tag order: tag 1 is FEATURE_VERIFY_PIN_START. */
export const FEATURE_NAMES = [
  'FEATURE_VERIFY_PIN_START',
  'FEATURE_VERIFY_PIN_FINISH',
  'FEATURE_MODIFY_PIN_START',
  'FEATURE_MODIFY_PIN_FINISH',
  'FEATURE_GET_KEY_PRESSED',
  'FEATURE_VERIFY_PIN_DIRECT',
  'FEATURE_MODIFY_PIN_DIRECT',
  'FEATURE_MCT_READER_DIRECT',
  'FEATURE_MCT_UNIVERSAL',
  'FEATURE_IFD_PIN_PROPERTIES',
  'FEATURE_ABORT',
  'FEATURE_SET_SPE_MESSAGE',
  'FEATURE_VERIFY_PIN_DIRECT_APP_ID',
  'FEATURE_MODIFY_PIN_DIRECT_APP_ID',
  'FEATURE_WRITE_DISPLAY',
  'FEATURE_GET_KEY',
  'FEATURE_IFD_DISPLAY_PROPERTIES',
  'FEATURE_GET_TLV_PROPERTIES',
  'FEATURE_CCID_ESC_COMMAND',
] as const;

/** A part 10 feature's name, e.g. 'FEATURE_VERIFY_PIN_DIRECT'. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Start of a PIN verification on the reader's pad (tag 0x01). */
export const FEATURE_VERIFY_PIN_START = 0x01;
/** End of a PIN verification started with FEATURE_VERIFY_PIN_START (tag 0x02). */
export const FEATURE_VERIFY_PIN_FINISH = 0x02;
/** Start of a PIN change on the reader's pad (tag 0x03). */
export const FEATURE_MODIFY_PIN_START = 0x03;
/** End of a PIN change started with FEATURE_MODIFY_PIN_START (tag 0x04). */
export const FEATURE_MODIFY_PIN_FINISH = 0x04;
/** The key last pressed on the pad (tag 0x05). */
export const FEATURE_GET_KEY_PRESSED = 0x05;
/** PIN verification on the pad in one call (tag 0x06). */
export const FEATURE_VERIFY_PIN_DIRECT = 0x06;
/** PIN change on the pad in one call (tag 0x07). */
export const FEATURE_MODIFY_PIN_DIRECT = 0x07;
/** MCT reader-direct commands (tag 0x08). */
export const FEATURE_MCT_READER_DIRECT = 0x08;
/** MCT universal commands (tag 0x09). */
export const FEATURE_MCT_UNIVERSAL = 0x09;
/** The PIN pad's properties (tag 0x0A). */
export const FEATURE_IFD_PIN_PROPERTIES = 0x0a;
/** Aborts a PIN entry in progress (tag 0x0B). */
export const FEATURE_ABORT = 0x0b;
/** Sets the messages the pad displays (tag 0x0C). */
export const FEATURE_SET_SPE_MESSAGE = 0x0c;
/** PIN verification with an application id (tag 0x0D). */
export const FEATURE_VERIFY_PIN_DIRECT_APP_ID = 0x0d;
/** PIN change with an application id (tag 0x0E). */
export const FEATURE_MODIFY_PIN_DIRECT_APP_ID = 0x0e;
/** Writes text on the reader's display (tag 0x0F). */
export const FEATURE_WRITE_DISPLAY = 0x0f;
/** Reads one key from the pad (tag 0x10). */
export const FEATURE_GET_KEY = 0x10;
/** The display's properties (tag 0x11). */
export const FEATURE_IFD_DISPLAY_PROPERTIES = 0x11;
/** The reader's properties as TLV (tag 0x12). */
export const FEATURE_GET_TLV_PROPERTIES = 0x12;
/** Sends a CCID escape command to the reader (tag 0x13). */
export const FEATURE_CCID_ESC_COMMAND = 0x13;

const PROPERTY_NAMES = [
  'PCSCv2_PART10_PROPERTY_wLcdLayout',
  'PCSCv2_PART10_PROPERTY_bEntryValidationCondition',
  'PCSCv2_PART10_PROPERTY_bTimeOut2',
  'PCSCv2_PART10_PROPERTY_wLcdMaxCharacters',
  'PCSCv2_PART10_PROPERTY_wLcdMaxLines',
  'PCSCv2_PART10_PROPERTY_bMinPINSize',
  'PCSCv2_PART10_PROPERTY_bMaxPINSize',
  'PCSCv2_PART10_PROPERTY_sFirmwareID',
  'PCSCv2_PART10_PROPERTY_bPPDUSupport',
  'PCSCv2_PART10_PROPERTY_dwMaxAPDUDataSize',
  'PCSCv2_PART10_PROPERTY_wIdVendor',
  'PCSCv2_PART10_PROPERTY_wIdProduct',
] as const;

/** Tags of the FEATURE_GET_TLV_PROPERTIES answer, numbered from 1 in PROPERTY_NAMES order. */
const FIRMWARE_ID_TAG = 8;

/** [feature name, control code] pairs, as getFeatureRequest() returns them. */
export type FeatureList = Array<[FeatureName, number]>;

/** The FEATURE_IFD_PIN_PROPERTIES answer, as PySCard's getPinProperties returns it. */
export interface PinProperties {
  /** The answer's bytes ([] when the reader lacks the feature). */
  raw: number[];
  /** wLcdLayout's first byte: the display's number of characters per line (0: no display). */
  LcdLayoutX?: number;
  /** wLcdLayout's second byte: the display's number of lines. */
  LcdLayoutY?: number;
  /** bEntryValidationCondition: how PIN entry may end (bit mask: max size, key, timeout). */
  EntryValidationCondition?: number;
  /** bTimeOut2: seconds the reader waits after the first key. */
  TimeOut2?: number;
}

/** 'raw' plus one entry per property found (named as PySCard names them, or 'UNKNOWN'). */
export type TlvProperties = {
  /** The answer's bytes. */
  raw: number[];
} & Record<string, number | string | number[]>;

function featureName(tag: number): FeatureName | undefined {
  return FEATURE_NAMES[tag - 1];
}

/** The features in a CM_IOCTL_GET_FEATURE_REQUEST answer: tag, length 4, big-endian control code. */
export function parseFeatureRequest(response: readonly number[]): FeatureList {
  const features: FeatureList = [];
  for (let at = 0; at < response.length; at += 6) {
    const name = featureName(response[at] ?? 0);
    const code = (((response[at + 2] ?? 0) << 24) | ((response[at + 3] ?? 0) << 16) | ((response[at + 4] ?? 0) << 8) | (response[at + 5] ?? 0)) >>> 0;
    if (name) features.push([name, code]);
  }
  return features;
}

/** Asks the reader for its part 10 features (SCardControl CM_IOCTL_GET_FEATURE_REQUEST); rejects as `connection.control` does. */
export async function getFeatureRequest(connection: CardConnection): Promise<FeatureList> {
  return parseFeatureRequest(await connection.control(CM_IOCTL_GET_FEATURE_REQUEST, []));
}

/** The control code of `feature` (its name or number), or undefined when the reader lacks it. */
export function hasFeature(featureList: FeatureList, feature: FeatureName | number): number | undefined {
  const wanted = typeof feature === 'number' ? featureName(feature) : feature;
  return featureList.find(([name]) => name === wanted)?.[1];
}

/** The reader's PIN pad properties; `{ raw: [] }` when it lacks FEATURE_IFD_PIN_PROPERTIES. */
export async function getPinProperties(connection: CardConnection, featureList?: FeatureList, controlCode?: number): Promise<PinProperties> {
  const code = controlCode ?? hasFeature(featureList ?? (await getFeatureRequest(connection)), FEATURE_IFD_PIN_PROPERTIES);
  if (code === undefined) return { raw: [] };
  const raw = await connection.control(code, []);
  return { raw, LcdLayoutX: raw[0], LcdLayoutY: raw[1], EntryValidationCondition: raw[2], TimeOut2: raw[3] };
}

/** The reader's TLV properties (FEATURE_GET_TLV_PROPERTIES); `{ raw: [] }` when it lacks the feature. */
export async function getTlvProperties(connection: CardConnection, featureList?: FeatureList, controlCode?: number): Promise<TlvProperties> {
  const code = controlCode ?? hasFeature(featureList ?? (await getFeatureRequest(connection)), FEATURE_GET_TLV_PROPERTIES);
  if (code === undefined) return { raw: [] };
  return parseTlvProperties(await connection.control(code, []));
}

/** Tag, length, value entries; values of 1, 2 or 4 bytes are little-endian numbers, the firmware id text. */
export function parseTlvProperties(response: readonly number[]): TlvProperties {
  const properties: TlvProperties = { raw: [...response] };
  for (let at = 0; at < response.length;) {
    const tag = response[at] ?? 0;
    const length = response[at + 1] ?? 0;
    const data = response.slice(at + 2, at + 2 + length);
    const name = PROPERTY_NAMES[tag - 1] ?? 'UNKNOWN';
    properties[name] = tag === FIRMWARE_ID_TAG ? String.fromCharCode(...data) : littleEndianValue(data);
    at += 2 + length;
  }
  return properties;
}

function littleEndianValue(data: readonly number[]): number | number[] {
  if (data.length === 1 || data.length === 2 || data.length === 4) {
    return data.reduceRight((value, byte) => value * 256 + byte, 0);
  }
  return [...data];
}
