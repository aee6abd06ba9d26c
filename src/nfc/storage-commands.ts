import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { KEY_TYPE_CODES, type KeyAddressing, type KeyType } from './reader/reader-profile';

/** One Part 3 pseudo-APDU and the name errors give it. */
export interface TagCommand {
  /** e.g. 'READ BINARY block 4'. */
  readonly name: string;
  /** The command bytes (class FF). */
  readonly apdu: Uint8Array;
}

function checkInteger(value: number, argument: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw InvalidArgumentError.expected(argument, `an integer from ${min} to ${max}`, value);
}

/** GET DATA `FF CA 00 00 00`: the UID (or PUPI, IDm). */
export function getUidCommand(): TagCommand {
  return { name: 'GET DATA (UID)', apdu: Uint8Array.of(0xff, 0xca, 0x00, 0x00, 0x00) };
}

/** GET DATA `FF CA 01 00 00`: the ATS historical bytes (some readers give the whole ATS). */
export function getAtsCommand(): TagCommand {
  return { name: 'GET DATA (ATS)', apdu: Uint8Array.of(0xff, 0xca, 0x01, 0x00, 0x00) };
}

/** READ BINARY `FF B0 MSB LSB Le` (Le 0 asks for 256 bytes). */
export function readBinaryCommand(block: number, length: number): TagCommand {
  checkInteger(block, 'block', 0, 0xffff);
  checkInteger(length, 'length', 1, 256);
  return { name: `READ BINARY block ${block}`, apdu: Uint8Array.of(0xff, 0xb0, block >> 8, block & 0xff, length & 0xff) };
}

/** UPDATE BINARY `FF D6 MSB LSB Lc data`. */
export function updateBinaryCommand(block: number, data: Uint8Array): TagCommand {
  checkInteger(block, 'block', 0, 0xffff);
  checkInteger(data.length, 'data.length', 1, 255);
  return { name: `UPDATE BINARY block ${block}`, apdu: Uint8Array.of(0xff, 0xd6, block >> 8, block & 0xff, data.length, ...data) };
}

/** LOAD KEYS `FF 82 P1 P2 06 key`. */
export function loadKeyCommand(addressing: KeyAddressing, key: Uint8Array): TagCommand {
  if (key.length !== 6) throw InvalidArgumentError.expected('key', 'a 6-byte MIFARE key', `${key.length} bytes`);
  return { name: `LOAD KEYS slot ${addressing.loadP2}`, apdu: Uint8Array.of(0xff, 0x82, addressing.loadP1, addressing.loadP2, 0x06, ...key) };
}

/** GENERAL AUTHENTICATE `FF 86 00 00 05 01 MSB LSB KT KN`. */
export function generalAuthenticateCommand(block: number, type: KeyType, keyNumber: number): TagCommand {
  checkInteger(block, 'block', 0, 0xffff);
  return {
    name: `GENERAL AUTHENTICATE block ${block} key ${type}`,
    apdu: Uint8Array.of(0xff, 0x86, 0x00, 0x00, 0x05, 0x01, block >> 8, block & 0xff, KEY_TYPE_CODES[type], keyNumber),
  };
}

/** The obsolete PC/SC 2.01 AUTHENTICATE `FF 88 00 block KT KN` that older ACS firmware knows. */
export function obsoleteAuthenticateCommand(block: number, type: KeyType, keyNumber: number): TagCommand {
  checkInteger(block, 'block', 0, 0xff);
  return { name: `AUTHENTICATE (FF 88) block ${block} key ${type}`, apdu: Uint8Array.of(0xff, 0x88, 0x00, block, KEY_TYPE_CODES[type], keyNumber) };
}

/**
 * ACR122U direct transmit `FF 00 00 00 Lc <PN532 frame>` (ACR122U API manual): the frame goes to
 * the reader's PN532 as is, e.g. `D4 42 60` (InCommunicateThru, GET_VERSION); the answer is the
 * PN532's `D5 …`.
 */
export function directTransmitCommand(pn532Frame: Uint8Array): TagCommand {
  if (pn532Frame.length < 1 || pn532Frame.length > 255)
    throw InvalidArgumentError.expected('frame', 'a PN532 frame of 1 to 255 bytes', `${pn532Frame.length} bytes`, 'directTransmit');
  return {
    name: `DIRECT TRANSMIT ${Array.from(pn532Frame.subarray(0, 3), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ')}`,
    apdu: Uint8Array.of(0xff, 0x00, 0x00, 0x00, pn532Frame.length, ...pn532Frame),
  };
}

/** GET RESPONSE `CLA C0 00 00 Le`, fetching what a `61 xx` answer announced. */
export function getResponseCommand(cla: number, length: number): TagCommand {
  return { name: 'GET RESPONSE', apdu: Uint8Array.of(cla, 0xc0, 0x00, 0x00, length & 0xff) };
}
