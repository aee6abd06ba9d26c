/**
 * PySCard's smartcard.pcsc.PCSCPart10: the PC/SC v2 part 10 reader features (pinpad, display,
 * TLV properties) a reader announces through CM_IOCTL_GET_FEATURE_REQUEST.
 */
import type { CardConnection } from './card-connection';
import { SCARD_CTL_CODE } from './scard/constants';

export const CM_IOCTL_GET_FEATURE_REQUEST = SCARD_CTL_CODE(3400);

const FEATURE_NAMES = [
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

export type FeatureName = (typeof FEATURE_NAMES)[number];

export const FEATURE_VERIFY_PIN_START = 0x01;
export const FEATURE_VERIFY_PIN_FINISH = 0x02;
export const FEATURE_MODIFY_PIN_START = 0x03;
export const FEATURE_MODIFY_PIN_FINISH = 0x04;
export const FEATURE_GET_KEY_PRESSED = 0x05;
export const FEATURE_VERIFY_PIN_DIRECT = 0x06;
export const FEATURE_MODIFY_PIN_DIRECT = 0x07;
export const FEATURE_MCT_READER_DIRECT = 0x08;
export const FEATURE_MCT_UNIVERSAL = 0x09;
export const FEATURE_IFD_PIN_PROPERTIES = 0x0a;
export const FEATURE_ABORT = 0x0b;
export const FEATURE_SET_SPE_MESSAGE = 0x0c;
export const FEATURE_VERIFY_PIN_DIRECT_APP_ID = 0x0d;
export const FEATURE_MODIFY_PIN_DIRECT_APP_ID = 0x0e;
export const FEATURE_WRITE_DISPLAY = 0x0f;
export const FEATURE_GET_KEY = 0x10;
export const FEATURE_IFD_DISPLAY_PROPERTIES = 0x11;
export const FEATURE_GET_TLV_PROPERTIES = 0x12;
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

export interface PinProperties {
  raw: number[];
  LcdLayoutX?: number;
  LcdLayoutY?: number;
  EntryValidationCondition?: number;
  TimeOut2?: number;
}

/** 'raw' plus one entry per property found (named as PySCard names them, or 'UNKNOWN'). */
export type TlvProperties = { raw: number[] } & Record<string, number | string | number[]>;

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

export async function getFeatureRequest(connection: CardConnection): Promise<FeatureList> {
  return parseFeatureRequest(await connection.control(CM_IOCTL_GET_FEATURE_REQUEST, []));
}

/** The control code of `feature` (its name or number), or undefined when the reader lacks it. */
export function hasFeature(featureList: FeatureList, feature: FeatureName | number): number | undefined {
  const wanted = typeof feature === 'number' ? featureName(feature) : feature;
  return featureList.find(([name]) => name === wanted)?.[1];
}

export async function getPinProperties(connection: CardConnection, featureList?: FeatureList, controlCode?: number): Promise<PinProperties> {
  const code = controlCode ?? hasFeature(featureList ?? (await getFeatureRequest(connection)), FEATURE_IFD_PIN_PROPERTIES);
  if (code === undefined) return { raw: [] };
  const raw = await connection.control(code, []);
  return { raw, LcdLayoutX: raw[0], LcdLayoutY: raw[1], EntryValidationCondition: raw[2], TimeOut2: raw[3] };
}

export async function getTlvProperties(connection: CardConnection, featureList?: FeatureList, controlCode?: number): Promise<TlvProperties> {
  const code = controlCode ?? hasFeature(featureList ?? (await getFeatureRequest(connection)), FEATURE_GET_TLV_PROPERTIES);
  if (code === undefined) return { raw: [] };
  return parseTlvProperties(await connection.control(code, []));
}

/** Tag, length, value entries; values of 1, 2 or 4 bytes are little-endian numbers, the firmware id text. */
export function parseTlvProperties(response: readonly number[]): TlvProperties {
  const properties: TlvProperties = { raw: [...response] };
  for (let at = 0; at < response.length; ) {
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
