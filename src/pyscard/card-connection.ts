import { NO_VALID_RESPONSE, type Card } from '../core/card';
import { checkedByteArray } from '../apdu/byte-input';
import type { ResponseApdu } from '../apdu/response-apdu';
import {
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_W_REMOVED_CARD,
} from '../driver/return-codes';
import { SCARD_RESET_CARD, SCARD_SHARE_SHARED, SCARD_UNPOWER_CARD } from '../driver/scard-constants';
import type { Protocol, ShareMode } from '../core/share-protocol';
import { CardConnectionEvent } from './card-connection-event';
import type { ObservedConnection } from './card-connection-observer';
import { getPcsc } from './context';
import { hresultOf } from './error-codes';
import { CardConnectionException, NoCardException, SmartcardException } from './exceptions';
import { Observable } from './observer';
import { pyTuple } from './python-text';
import {
  RAW_PROTOCOL,
  T0_PROTOCOL,
  T15_PROTOCOL,
  T1_PROTOCOL,
  connectionProtocolOf,
  coreProtocols,
  dispositionName,
  initializationName,
  pcscProtocolMask,
  protocolMaskName,
  shareModeName,
  transmitHeaderName,
} from './protocols';
import { SCardGetErrorMessage } from './scard/error-message';
import type { ErrorCheckingChain } from './sw/error-checking-chain';
import type { SWExceptionFilter } from './sw/sw-exceptions';
import { TransactionHold } from './transaction-hold';
import type { ByteList } from './util/hex-string';

/** transmit()'s answer: response data, SW1, SW2. */
export type TransmitResult = [data: number[], sw1: number, sw2: number];

/** Python's keyword arguments: connect(mode=SCARD_SHARE_EXCLUSIVE) is connect({ mode: SCARD_SHARE_EXCLUSIVE }). */
export interface ConnectArguments {
  /** CardConnection protocol bits (T0_protocol, T1_protocol, RAW_protocol, T15_protocol, or'ed); null or absent: getProtocol(). */
  readonly protocol?: number | null;
  /** Share mode, SCARD_SHARE_SHARED (default), SCARD_SHARE_EXCLUSIVE or SCARD_SHARE_DIRECT. */
  readonly mode?: number | null;
  /**
   * connect: what disconnect() later does to the card (default SCARD_UNPOWER_CARD). reconnect: how
   * the card is reinitialized, and then what disconnect() does (default SCARD_RESET_CARD).
   */
  readonly disposition?: number | null;
}

function positional(
  first: number | null | undefined | ConnectArguments,
  mode: number | null | undefined,
  disposition: number | null | undefined,
): ConnectArguments {
  if (typeof first === 'object' && first !== null) return first;
  return { protocol: first, mode, disposition };
}

/**
 * PySCard's CardConnection (PCSCCardConnection behind its decorator), over a core Card.
 * Every call that reaches PC/SC returns a promise. Defaults follow PySCard 2.0.5: connect shares
 * the card (SCARD_SHARE_SHARED) with T=0 or T=1, disconnect unpowers the card unless connect()
 * got another disposition, and reconnect resets it.
 */
export class CardConnection extends Observable<CardConnectionEvent> implements ObservedConnection {
  /** The T=0 protocol bit, 0x1 (PySCard's CardConnection.T0_protocol; not an SCARD_PROTOCOL_* value). */
  static readonly T0_protocol = T0_PROTOCOL;
  /** The T=1 protocol bit, 0x2. */
  static readonly T1_protocol = T1_PROTOCOL;
  /** The raw protocol bit, 0x10000. */
  static readonly RAW_protocol = RAW_PROTOCOL;
  /** The T=15 protocol bit, 0x8. */
  static readonly T15_protocol = T15_PROTOCOL;

  /** The name of the reader this connection is for. */
  readonly reader: string;
  /** The status word checks transmit() runs (null: none), as set by setErrorCheckingChain. */
  errorcheckingchain: ErrorCheckingChain[] | null = null;
  private defaultprotocol = T0_PROTOCOL | T1_PROTOCOL;
  private disposition = SCARD_UNPOWER_CARD;
  private card: Card | undefined;
  private shareMode: ShareMode = 'shared';
  /** release() ran: PySCard notifies 'release' only while its context is still held. */
  private released = false;
  /** The transaction ExclusiveTransmitCardConnection.lock() began; the card's calls run inside it. */
  private hold: TransactionHold | undefined;
  /** A lock() waiting for SCardBeginTransaction; a lock() meanwhile nests in it. */
  private beginning: Promise<TransactionHold> | undefined;

  constructor(reader: string) {
    super();
    this.reader = reader;
  }

  /** The name of the reader this connection is for. */
  getReader(): string {
    return this.reader;
  }

  /** The connection's protocol bits (CardConnection.T0_protocol, ...); T0|T1 before the first connect. */
  getProtocol(): number {
    return this.defaultprotocol;
  }

  /** Sets the protocol bits (CardConnection.T0_protocol, ...) connect() and transmit() use when given none. */
  setProtocol(protocol: number): void {
    this.defaultprotocol = protocol;
  }

  /** Sets the status word checks transmit() runs on every answer (null: none). */
  setErrorCheckingChain(errorcheckingchain: ErrorCheckingChain[] | null): void {
    this.errorcheckingchain = errorcheckingchain;
  }

  /** Stops the error checking chain from raising exactly `exClass` (not its subclasses); does nothing without a chain. */
  addSWExceptionToFilter(exClass: SWExceptionFilter): void {
    this.errorcheckingchain?.[0]?.addFilterException(exClass);
  }

  /**
   * Connects to the card (positional arguments or a ConnectArguments object, like Python's keywords).
   * Rejects with NoCardException when no card is present, CardConnectionException for any other failure.
   */
  async connect(protocolOrArguments?: number | null | ConnectArguments, modeArgument?: number | null, dispositionArgument?: number | null): Promise<void> {
    const { protocol, mode, disposition } = positional(protocolOrArguments, modeArgument, dispositionArgument);
    this.notify(new CardConnectionEvent('connect'));
    const mask = pcscProtocolMask(protocol) || pcscProtocolMask(this.getProtocol());
    const shareMode = mode ?? SCARD_SHARE_SHARED;
    this.disposition = disposition ?? SCARD_UNPOWER_CARD;
    const fail = (hresult: number): never => {
      this.card = undefined;
      if (hresult === SCARD_W_REMOVED_CARD || hresult === SCARD_E_NO_SMARTCARD) throw new NoCardException('Unable to connect', hresult);
      throw new CardConnectionException(`Unable to connect with protocol: ${protocolMaskName(mask)}. ${SCardGetErrorMessage(hresult)}`);
    };
    const share = shareModeName(shareMode);
    if (share === undefined) return fail(SCARD_E_INVALID_VALUE);
    const protocols = coreProtocols(mask);
    if (protocols.length === 0) return fail(SCARD_E_PROTO_MISMATCH);
    try {
      const pcsc = await getPcsc();
      // PySCard hands back every answer as the card gave it (61xx included).
      this.card = await pcsc.connect(this.reader, { share, protocols, getResponse: false });
    } catch (error) {
      return fail(hresultOf(error));
    }
    this.shareMode = share;
    this.setProtocol(connectionProtocolOf(this.card.protocol));
  }

  /**
   * Reconnects, by default resetting the card (SCARD_RESET_CARD); same arguments as connect().
   * Rejects with NoCardException when the card is gone, CardConnectionException for any other failure.
   */
  async reconnect(protocolOrArguments?: number | null | ConnectArguments, modeArgument?: number | null, dispositionArgument?: number | null): Promise<void> {
    const { protocol, mode, disposition } = positional(protocolOrArguments, modeArgument, dispositionArgument);
    this.notify(new CardConnectionEvent('reconnect'));
    const card = this.connected();
    const mask = pcscProtocolMask(protocol) || pcscProtocolMask(this.getProtocol());
    const shareMode = mode ?? SCARD_SHARE_SHARED;
    this.disposition = disposition ?? SCARD_RESET_CARD;
    const fail = (hresult: number): never => {
      this.card = undefined;
      if (hresult === SCARD_W_REMOVED_CARD || hresult === SCARD_E_NO_SMARTCARD) throw new NoCardException('Unable to reconnect', hresult);
      throw new CardConnectionException(`Unable to reconnect with protocol: ${protocolMaskName(mask)}. ${SCardGetErrorMessage(hresult)}`);
    };
    const share = shareModeName(shareMode);
    const initialization = initializationName(this.disposition);
    if (share === undefined || initialization === undefined) return fail(SCARD_E_INVALID_VALUE);
    const protocols = coreProtocols(mask);
    if (protocols.length === 0) return fail(SCARD_E_PROTO_MISMATCH);
    try {
      if (share === this.shareMode && sameOrWider(protocols, card.protocol)) {
        await this.use((held) => held.reconnect({ initialization }));
      } else {
        // The core reconnects with the original share mode and protocols; other ones need a new handle.
        await this.use((held) => held.disconnect(initialization));
        this.card = await (await getPcsc()).connect(this.reader, { share, protocols, getResponse: false });
        this.shareMode = share;
      }
    } catch (error) {
      return fail(hresultOf(error));
    }
    this.setProtocol(connectionProtocolOf(this.card?.protocol));
  }

  /** Disconnects with the disposition connect() (or reconnect()) stored; no-op when not connected. */
  async disconnect(): Promise<void> {
    this.notify(new CardConnectionEvent('disconnect'));
    const card = this.card;
    if (!card) return;
    this.card = undefined;
    const disposition = dispositionName(this.disposition) ?? 'unpower';
    try {
      await this.use(() => card.disconnect(disposition), card);
    } catch (error) {
      throw new CardConnectionException(`Failed to disconnect: ${SCardGetErrorMessage(hresultOf(error))}`);
    }
  }

  /**
   * Tells observers ('release', once, as PySCard does while its context is held), then disconnects;
   * the shared PC/SC context stays open for other connections (see shutdown()).
   */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.notify(new CardConnectionEvent('release'));
    await this.disconnect();
  }

  /** The card's ATR as a list of bytes (SCardStatus, or the reader state where the driver has no SCardStatus). */
  async getATR(): Promise<number[]> {
    this.connected();
    const pcsc = await getPcsc();
    try {
      if (pcsc.capabilities.status) return Array.from((await this.use((card) => card.status())).atr);
      const reader = (await pcsc.listReaders()).find((info) => info.name === this.reader);
      if (reader?.atr) return Array.from(reader.atr);
      return [];
    } catch (error) {
      throw new CardConnectionException(`Failed to get status: ${SCardGetErrorMessage(hresultOf(error))}`);
    }
  }

  /** Sends a command APDU; resolves with [data, sw1, sw2] after the error checking chain accepted it. */
  async transmit(bytes: ByteList, protocol?: number | null): Promise<TransmitResult> {
    this.notify(new CardConnectionEvent('command', [bytes, protocol ?? null]));
    const [data, sw1, sw2] = await this.doTransmit(bytes, protocol ?? this.getProtocol());
    this.notify(new CardConnectionEvent('response', [data, sw1, sw2]));
    this.errorcheckingchain?.[0]?.check(data, sw1, sw2);
    return pyTuple<TransmitResult>([data, sw1, sw2]);
  }

  /** Sends a control code to the reader (SCardControl) and resolves with its answer bytes. */
  async control(controlCode: number, bytes: ByteList = []): Promise<number[]> {
    this.notify(new CardConnectionEvent('command', [controlCode, bytes]));
    this.connected();
    const command = controlBytes(bytes);
    let data: number[];
    try {
      data = Array.from(await this.use((card) => card.control(controlCode, command)));
    } catch (error) {
      throw new SmartcardException(`Failed to control ${SCardGetErrorMessage(hresultOf(error))}`);
    }
    this.notify(new CardConnectionEvent('response', data));
    return data;
  }

  /**
   * Reads the reader's or card's attribute `attribId` (SCardGetAttrib; an SCARD_ATTR_* value) and
   * resolves with its bytes. A failure is a SmartcardException with PySCard's text, e.g. "Failed to
   * getAttrib Feature not supported." on the 'pcsclite' and 'smartcard' drivers, which lack the call.
   * Unlike PySCard it runs no error checking chain over the bytes (PySCard's call of the chain with
   * the data alone raises TypeError), and before connect() it fails with "Card not connected".
   */
  async getAttrib(attribId: number): Promise<number[]> {
    this.notify(new CardConnectionEvent('attrib', [attribId]));
    this.connected();
    try {
      return Array.from(await this.use((card) => card.getAttribute(attribId)));
    } catch (error) {
      throw new SmartcardException(`Failed to getAttrib ${SCardGetErrorMessage(hresultOf(error))}`);
    }
  }

  /**
   * @internal ExclusiveConnectCardConnection's step after connect(): the shared handle is left
   * (SCARD_LEAVE_CARD) and the card connected again in SCARD_SHARE_EXCLUSIVE with `protocol`, or the
   * protocol in use when `protocol` names none.
   */
  async connectExclusively(protocol: number | null | undefined): Promise<void> {
    const mask = pcscProtocolMask(protocol) || pcscProtocolMask(this.getProtocol());
    const card = this.card;
    if (card) {
      this.card = undefined;
      try {
        await this.use(() => card.disconnect('leave'), card);
      } catch (error) {
        throw new CardConnectionException(`Failed to disconnect: ${SCardGetErrorMessage(hresultOf(error))}`);
      }
    }
    try {
      this.card = await (await getPcsc()).connect(this.reader, { share: 'exclusive', protocols: coreProtocols(mask), getResponse: false });
    } catch (error) {
      throw new CardConnectionException(`Failed to connect with SCARD_SHARE_EXCLUSIVE${SCardGetErrorMessage(hresultOf(error))}`);
    }
    this.shareMode = 'exclusive';
  }

  /**
   * @internal ExclusiveTransmitCardConnection.lock(): SCardBeginTransaction, held until
   * endTransaction(). A nested call counts, as pcsc-lite counts a handle's nested transactions.
   */
  async beginTransaction(): Promise<void> {
    const card = this.connected();
    if (this.beginning) await this.beginning.catch(() => undefined);
    if (this.hold) {
      this.hold.nest();
      return;
    }
    const beginning = TransactionHold.begin(card);
    this.beginning = beginning;
    try {
      this.hold = await beginning;
    } catch (error) {
      throw new CardConnectionException(`Failed to lock with SCardBeginTransaction: ${SCardGetErrorMessage(hresultOf(error))}`);
    } finally {
      if (this.beginning === beginning) this.beginning = undefined;
    }
  }

  /** @internal ExclusiveTransmitCardConnection.unlock(): SCardEndTransaction with SCARD_LEAVE_CARD. */
  async endTransaction(): Promise<void> {
    this.connected();
    const hold = this.hold;
    const fail = (hresult: number): never => {
      throw new CardConnectionException(`Failed to unlock with SCardEndTransaction: ${SCardGetErrorMessage(hresult)}`);
    };
    if (!hold) {
      // No transaction to end: what PC/SC answers such an SCardEndTransaction.
      return fail((await getPcsc()).capabilities.transactions ? SCARD_E_NOT_TRANSACTED : SCARD_E_UNSUPPORTED_FEATURE);
    }
    try {
      if ((await hold.end()) && this.hold === hold) this.hold = undefined;
    } catch (error) {
      if (this.hold === hold) this.hold = undefined;
      return fail(hresultOf(error));
    }
  }

  private async doTransmit(bytes: ByteList, protocol: number): Promise<TransmitResult> {
    const header = transmitHeaderName(protocol);
    if (header === undefined) {
      throw new CardConnectionException(
        'Invalid protocol in transmit: must be CardConnection.T0_protocol, CardConnection.T1_protocol, or CardConnection.RAW_protocol',
      );
    }
    this.connected();
    // `protocol` only picks the PCI header PySCard names in its messages; the core sends with the
    // protocol negotiated at connect, which is what pcsc-lite requires anyway.
    let response: ResponseApdu;
    try {
      response = await this.use((card) => card.transmit(bytes));
    } catch (error) {
      if (error instanceof Error && error.message.includes(NO_VALID_RESPONSE)) throw new CardConnectionException(NO_VALID_RESPONSE);
      throw new CardConnectionException(`Failed to transmit with protocol ${header}. ${SCardGetErrorMessage(hresultOf(error))}`);
    }
    return [Array.from(response.data), response.sw1, response.sw2];
  }

  private connected(): Card {
    if (!this.card) throw new CardConnectionException('Card not connected');
    return this.card;
  }

  /** Runs a call on the card, inside the transaction lock() holds if there is one. */
  private async use<T>(work: (card: Card) => Promise<T>, card = this.connected()): Promise<T> {
    const hold = this.hold;
    if (!hold) return work(card);
    try {
      return await hold.run(() => work(card));
    } finally {
      if (!card.isConnected && this.hold === hold) this.dropHold();
    }
  }

  /** The handle that held the transaction is gone, and pcscd ended the transaction with it. */
  private dropHold(): void {
    this.hold?.abandon();
    this.hold = undefined;
  }

  private notify(event: CardConnectionEvent): void {
    this.setChanged();
    this.notifyObservers(event);
  }
}

function sameOrWider(requested: readonly Protocol[], active: Protocol | undefined): boolean {
  return active === undefined || requested.includes(active);
}

function controlBytes(bytes: ByteList): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : checkedByteArray(bytes, 'Control byte');
}
