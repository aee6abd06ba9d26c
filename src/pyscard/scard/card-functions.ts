/**
 * PySCard's low-level card calls (smartcard.scard): each resolves to what PySCard returns, the
 * hresult first, with PySCard's empty values on failure. An APDU that is not a valid command is
 * refused with ApduError, a reader name that PC/SC cannot take (NUL, too long, not valid text)
 * with InvalidArgumentError, before anything reaches PC/SC; so is a share mode, protocol mask,
 * disposition or control code that is no DWORD (an integer from 0 to 0xFFFFFFFF).
 */
import { toCommandBytes } from '../../apdu/command-apdu';
import { bytesFromInput } from '../../apdu/byte-input';
import { checkAttributeId } from '../../core/attribute-id';
import { checkReaderName } from '../../core/reader-name';
import * as rc from '../../driver/return-codes';
import { checkDword } from '../../errors/check-integer';
import { SCARD_PROTOCOL_RAW, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_PROTOCOL_UNDEFINED } from '../../driver/scard-constants';
import { addCard, findCard, findContext, removeCard } from './low-level-handles';

/** Connects to the card in `reader`: [hresult, hcard, active protocol] ([hresult, 0, 0] on failure). Rejects with InvalidArgumentError for an unusable reader name. */
export async function SCardConnect(
  hcontext: number,
  reader: string,
  shareMode: number,
  preferredProtocols: number,
): Promise<[hresult: number, hcard: number, activeProtocol: number]> {
  checkReaderName(reader, 'SCardConnect');
  checkDword(shareMode, 'shareMode', 'SCardConnect');
  checkDword(preferredProtocols, 'preferredProtocols', 'SCardConnect');
  const context = findContext(hcontext);
  if (!context) return [rc.SCARD_E_INVALID_HANDLE, 0, 0];
  const outcome = await context.driver.connect(context.id, reader, shareMode, preferredProtocols);
  if (!outcome.value) return [outcome.rc, 0, 0];
  const { handle, protocol } = outcome.value;
  return [rc.SCARD_S_SUCCESS, addCard({ driver: context.driver, context: hcontext, id: handle }), protocol];
}

/** Reconnects `hcard` with a new share mode or protocol, resetting or unpowering the card per `initialization`: [hresult, active protocol]. */
export async function SCardReconnect(
  hcard: number,
  shareMode: number,
  preferredProtocols: number,
  initialization: number,
): Promise<[hresult: number, activeProtocol: number]> {
  checkDword(shareMode, 'shareMode', 'SCardReconnect');
  checkDword(preferredProtocols, 'preferredProtocols', 'SCardReconnect');
  checkDword(initialization, 'initialization', 'SCardReconnect');
  const card = findCard(hcard);
  if (!card) return [rc.SCARD_E_INVALID_HANDLE, 0];
  const outcome = await card.driver.reconnect(card.id, shareMode, preferredProtocols, initialization);
  if (!outcome.ok) return [outcome.rc, 0];
  return [rc.SCARD_S_SUCCESS, outcome.value];
}

/** Disconnects `hcard`, leaving, resetting, unpowering or ejecting the card per `disposition`; resolves with the hresult. */
export async function SCardDisconnect(hcard: number, disposition: number): Promise<number> {
  checkDword(disposition, 'disposition', 'SCardDisconnect');
  const card = findCard(hcard);
  if (!card) return rc.SCARD_E_INVALID_HANDLE;
  removeCard(hcard);
  return card.driver.disconnect(card.id, disposition);
}

/** The card's reader, state, protocol and ATR: [hresult, reader, state, protocol, atr] ('' / 0 / [] on failure). */
export async function SCardStatus(hcard: number): Promise<[hresult: number, reader: string, state: number, protocol: number, atr: number[]]> {
  const card = findCard(hcard);
  if (!card) return [rc.SCARD_E_INVALID_HANDLE, '', 0, 0, []];
  const outcome = await card.driver.status(card.id);
  if (!outcome.value) return [outcome.rc, '', 0, 0, []];
  const { reader, state, protocol, atr } = outcome.value;
  return [rc.SCARD_S_SUCCESS, reader, state, protocol, [...atr]];
}

/**
 * Sends `apdu` with the protocol header for `protocol`, as PySCard picks it: SCARD_PROTOCOL_T0
 * or T1 (as SCardConnect reported it) their own, SCARD_PROTOCOL_RAW and 0 (what a 'direct'
 * connection reports before a protocol is negotiated) SCARD_PCI_RAW. Any other value resolves to
 * SCARD_E_INVALID_PARAMETER without reaching PC/SC.
 */
export async function SCardTransmit(hcard: number, protocol: number, apdu: readonly number[]): Promise<[hresult: number, response: number[]]> {
  checkDword(protocol, 'protocol', 'SCardTransmit');
  const command = toCommandBytes(apdu);
  const header = protocolHeader(protocol);
  if (header === undefined) return [rc.SCARD_E_INVALID_PARAMETER, []];
  const card = findCard(hcard);
  if (!card) return [rc.SCARD_E_INVALID_HANDLE, []];
  const outcome = await card.driver.transmit(card.id, header, command);
  return [outcome.rc, outcome.value ? [...outcome.value] : []];
}

/** The protocol of the header PySCard's SCardTransmit sends for `protocol`, or undefined when it refuses it. */
function protocolHeader(protocol: number): number | undefined {
  switch (protocol) {
    case SCARD_PROTOCOL_T0:
    case SCARD_PROTOCOL_T1:
      return protocol;
    case SCARD_PROTOCOL_RAW:
    case SCARD_PROTOCOL_UNDEFINED:
      return SCARD_PROTOCOL_RAW;
    default:
      return undefined;
  }
}

/** Sends a reader control command (see SCARD_CTL_CODE): [hresult, response bytes]. Rejects with InvalidArgumentError for bytes outside 0..255. */
export async function SCardControl(hcard: number, controlCode: number, inBuffer: readonly number[]): Promise<[hresult: number, response: number[]]> {
  checkDword(controlCode, 'controlCode', 'SCardControl');
  const data = bytesFromInput(inBuffer, 'SCardControl input byte');
  const card = findCard(hcard);
  if (!card) return [rc.SCARD_E_INVALID_HANDLE, []];
  const outcome = await card.driver.control(card.id, controlCode, data);
  return [outcome.rc, outcome.value ? [...outcome.value] : []];
}

/**
 * Reads the reader's or card's attribute `attrId` (an SCARD_ATTR_* value, or a reader driver's own
 * tag): `[hresult, attrib]`, the attribute's bytes, empty on failure. Drivers without the call
 * ('pcsclite', 'smartcard') answer SCARD_E_UNSUPPORTED_FEATURE. Rejects with InvalidArgumentError
 * for an id that is not an integer from 0 to 0xFFFFFFFF.
 */
export async function SCardGetAttrib(hcard: number, attrId: number): Promise<[hresult: number, attrib: number[]]> {
  checkAttributeId(attrId, 'SCardGetAttrib');
  const card = findCard(hcard);
  if (!card) return [rc.SCARD_E_INVALID_HANDLE, []];
  const outcome = await card.driver.getAttribute(card.id, attrId);
  return [outcome.rc, outcome.value ? [...outcome.value] : []];
}

/**
 * Writes the attribute `attrId` with the bytes `attrib` and resolves with the hresult; pcscd
 * answers a reader driver's refusal with SCARD_E_NOT_TRANSACTED. Rejects with InvalidArgumentError
 * for an id that is not an integer from 0 to 0xFFFFFFFF or bytes outside 0..255.
 */
export async function SCardSetAttrib(hcard: number, attrId: number, attrib: readonly number[]): Promise<number> {
  checkAttributeId(attrId, 'SCardSetAttrib');
  const value = bytesFromInput(attrib, 'SCardSetAttrib attribute byte');
  const card = findCard(hcard);
  if (!card) return rc.SCARD_E_INVALID_HANDLE;
  return card.driver.setAttribute(card.id, attrId, value);
}

/** Starts a transaction on `hcard` (waits while another application holds one); resolves with the hresult. */
export async function SCardBeginTransaction(hcard: number): Promise<number> {
  const card = findCard(hcard);
  if (!card) return rc.SCARD_E_INVALID_HANDLE;
  return card.driver.beginTransaction(card.id);
}

/** Ends the transaction on `hcard`, acting on the card per `disposition`; resolves with the hresult. */
export async function SCardEndTransaction(hcard: number, disposition: number): Promise<number> {
  const card = findCard(hcard);
  if (!card) return rc.SCARD_E_INVALID_HANDLE;
  return card.driver.endTransaction(card.id, disposition);
}
