import { EventEmitter } from 'node:events';
import type { Card } from '../core/card';
import type { Pcsc } from '../compose/pcsc';
import { identifyTag } from '../nfc/tag-kind';
import { NfcTag } from '../nfc/nfc-tag';
import { getUidCommand } from '../nfc/storage-commands';
import { errorForStatus, type CommandFamily } from '../nfc/status-errors';
import { ReaderEscape } from '../nfc/reader/reader-escape';
import type { KeyType } from '../nfc/reader/reader-profile';
import {
  AuthenticationError,
  CARD_NOT_CONNECTED,
  ConnectError,
  ControlError,
  DisconnectError,
  FAILURE,
  GetUIDError,
  LoadAuthenticationKeyError,
  OPERATION_FAILED,
  ReadError,
  TransmitError,
  WriteError,
} from './errors';
import {
  CONNECT_MODE_CARD,
  CONNECT_MODE_DIRECT,
  KEY_TYPE_A,
  KEY_TYPE_B,
  TAG_ISO_14443_3,
  TAG_ISO_14443_4,
  type NfcCard,
  type NfcConnection,
  type TagStandard,
} from './card-info';
import { SILENT_LOGGER, type NfcLogger } from './logger';

/** The events of a Reader. */
export interface ReaderEvents {
  /** A card was presented (with its UID, or the AID SELECT answer). */
  card: [card: NfcCard];
  /** The card was taken away. */
  'card.off': [card: NfcCard];
  /** A failure during automatic processing or monitoring. */
  error: [error: Error];
  /** The reader was unplugged. */
  end: [];
}

/** What the reader object (`reader.reader`) exposes: its name, as @pokusew/pcsclite's CardReader does. */
export interface ReaderDevice {
  /** The PC/SC reader name. */
  readonly name: string;
}

/** What `reader.aid` holds: the AID bytes, or a function of the card giving them. */
export type Aid = Buffer | ((card: NfcCard) => Buffer);

/** Accepted key inputs: a Buffer, a byte array or a hex string. */
export type KeyInput = Buffer | Uint8Array | readonly number[] | string;

const SHARE_SHARED = 2;
const SHARE_DIRECT = 3;
const PROTOCOL_NUMBERS = { T0: 1, T1: 2, RAW: 4 } as const;

/**
 * nfc-pcsc's Reader, over resilient-pcsc: same properties, methods, events and error classes.
 * See docs/nfc.md for where its behaviour differs on purpose.
 */
export class Reader extends EventEmitter<ReaderEvents> {
  /** The reader device (its name). */
  readonly reader: ReaderDevice;
  /** The logger given to NFC. */
  readonly logger: NfcLogger;
  /** The current connection, or null. */
  connection: NfcConnection | null = null;
  /** The card in the field, or null. */
  card: NfcCard | null = null;
  /** Read the UID (and SELECT `aid` on ISO 14443-4 tags) before the 'card' event. Default true. */
  autoProcessing = true;
  /** Key slots as loadAuthenticationKey filled them. */
  keyStorage: Record<'0' | '1', Buffer | null> = { '0': null, '1': null };
  private storedAid: Aid | null = null;
  private handle: Card | undefined;

  constructor(
    /** The Pcsc this reader belongs to. */
    protected readonly pcsc: Pcsc,
    name: string,
    logger: NfcLogger = SILENT_LOGGER,
  ) {
    super();
    this.reader = { name };
    this.logger = logger;
  }

  /** A reversed copy of `src`. */
  static reverseBuffer(src: Buffer): Buffer {
    return Buffer.from(src).reverse();
  }

  /**
   * The standard from the ATR, decided by PC/SC Part 3's encoding rather than one byte: storage
   * cards are ISO 14443-3, cards with the ISO 14443-4 ATR shape are ISO 14443-4.
   */
  static selectStandardByAtr(atr: Buffer): TagStandard {
    try {
      const identity = identifyTag(atr);
      if (identity.storage) return TAG_ISO_14443_3;
      if (identity.kind === 'iso14443-4') return TAG_ISO_14443_4;
    } catch {
      // An ATR the parser refuses: fall back to nfc-pcsc's test below.
    }
    return atr[5] === 0x4f ? TAG_ISO_14443_3 : TAG_ISO_14443_4;
  }

  /** The AID SELECTed on ISO 14443-4 tags: a Buffer, or a function of the card returning one. */
  get aid(): Aid | null {
    return this.storedAid;
  }

  /** Sets the AID: hex text, a Buffer, a function of the card, or null for none. */
  set aid(value: Aid | string | null) {
    if (value === null || typeof value === 'function' || Buffer.isBuffer(value)) {
      this.storedAid = value;
      return;
    }
    if (typeof value !== 'string') throw new Error('AID must be a HEX string or an instance of Buffer or a function.');
    this.storedAid = Buffer.from(value, 'hex');
  }

  /** The reader's name. */
  get name(): string {
    return this.reader.name;
  }

  /** Connects to the card (CONNECT_MODE_CARD, shared) or to the reader alone (CONNECT_MODE_DIRECT). */
  async connect(mode: string = CONNECT_MODE_CARD): Promise<NfcConnection> {
    if (mode !== CONNECT_MODE_CARD && mode !== CONNECT_MODE_DIRECT) throw new ConnectError('invalid_mode', 'Invalid mode');
    try {
      const direct = mode === CONNECT_MODE_DIRECT;
      const card = await this.pcsc.connect(this.name, direct ? { share: 'direct', protocols: [] } : { share: 'shared' });
      this.handle = card;
      const protocol = card.protocol === undefined ? 0 : PROTOCOL_NUMBERS[card.protocol];
      this.connection = { type: direct ? SHARE_DIRECT : SHARE_SHARED, protocol };
      return this.connection;
    } catch (error) {
      throw new ConnectError(FAILURE, 'An error occurred while connecting.', error as Error);
    }
  }

  /** Disconnects, leaving the card as it is. */
  async disconnect(): Promise<boolean> {
    const handle = this.handle;
    if (!this.connection || !handle) throw new DisconnectError('not_connected', 'Reader in not connected. No need for disconnecting.');
    try {
      await handle.disconnect('leave');
    } catch (error) {
      throw new DisconnectError(FAILURE, 'An error occurred while disconnecting.', error as Error);
    } finally {
      this.connection = null;
      this.handle = undefined;
    }
    return true;
  }

  /** Sends an APDU; resolves with the answer (data + SW). `responseMaxLength` is accepted for compatibility. */
  transmit(data: Buffer | Uint8Array, responseMaxLength?: number): Promise<Buffer> {
    // eslint-disable-next-line @typescript-eslint/no-meaningless-void-operator -- kept for nfc-pcsc's signature, read on purpose
    void responseMaxLength;
    const handle = this.handle;
    if (!this.card || !this.connection || !handle) throw new TransmitError(CARD_NOT_CONNECTED, 'No card or connection available.');
    return handle.transmit(Uint8Array.from(data)).then(
      (response) => Buffer.from(response.bytes),
      (error: unknown) => {
        throw new TransmitError(FAILURE, 'An error occurred while transmitting.', error as Error);
      },
    );
  }

  /** Sends an escape command to the reader (SCardControl with the platform's escape code). */
  control(data: Buffer | Uint8Array, responseMaxLength?: number): Promise<Buffer> {
    // eslint-disable-next-line @typescript-eslint/no-meaningless-void-operator -- kept for nfc-pcsc's signature, read on purpose
    void responseMaxLength;
    const handle = this.handle;
    if (!this.connection || !handle) throw new ControlError('not_connected', 'No connection available.');
    return new ReaderEscape(handle).escape(Uint8Array.from(data)).then(
      (response) => Buffer.from(response),
      (error: unknown) => {
        throw new ControlError(FAILURE, `An error occurred while transmitting control: ${(error as Error).message}`, error as Error);
      },
    );
  }

  /** Loads a 6-byte key into key slot 0 or 1, addressed as this reader's profile needs. */
  async loadAuthenticationKey(keyNumber: number, key: KeyInput, keyType: number = KEY_TYPE_A): Promise<number> {
    if (keyNumber !== 0 && keyNumber !== 1) throw new LoadAuthenticationKeyError('invalid_key_number');
    const bytes = keyBytes(key, (message) => new LoadAuthenticationKeyError('invalid_key', message));
    const tag = this.tag();
    try {
      await tag.loadKey(bytes, keyTypeOf(keyType), Math.min(keyNumber, (tag.profile.keySlots.length || 1) - 1));
    } catch (error) {
      throw operationError(error, (code, message, cause) => new LoadAuthenticationKeyError(code, message, cause), 'Load authentication key operation failed');
    }
    this.keyStorage[keyNumber === 0 ? '0' : '1'] = Buffer.from(bytes);
    return keyNumber;
  }

  /**
   * Authenticates `blockNumber` with `key` (loaded into a free slot first when not already there).
   * GENERAL AUTHENTICATE (`FF 86`), or the obsolete `FF 88` with `obsolete` or when the reader
   * answers 6D 00 / 6E 00.
   */
  async authenticate(blockNumber: number, keyType: number, key: KeyInput, obsolete = false): Promise<boolean> {
    const bytes = keyBytes(key, (message) => new AuthenticationError('invalid_key', message));
    const type = keyTypeOf(keyType);
    const tag = this.tag();
    let slot = (['0', '1'] as const).findIndex((n) => this.keyStorage[n]?.equals(bytes));
    // Identiv readers load per key type: a key loaded for A is not usable for B.
    if (slot < 0 || tag.profile.name === 'identiv') {
      const free = (['0', '1'] as const).findIndex((n) => this.keyStorage[n] === null);
      slot = free < 0 ? 0 : free;
      try {
        await this.loadAuthenticationKey(slot, bytes, keyType);
      } catch (error) {
        throw new AuthenticationError('unable_to_load_key', 'Could not load authentication key into reader.', error as Error);
      }
    }
    const profileSlot = Math.min(slot, (tag.profile.keySlots.length || 1) - 1);
    try {
      if (obsolete) {
        await this.obsoleteAuthenticate(tag, blockNumber, type, profileSlot);
      } else {
        await tag.authenticate(blockNumber, type, { slot: tag.profile.keySlots[profileSlot] ?? 0 });
      }
    } catch (error) {
      throw operationError(error, (code, message, cause) => new AuthenticationError(code, message, cause), 'Authentication operation failed', true);
    }
    return true;
  }

  private async obsoleteAuthenticate(tag: NfcTag, block: number, type: KeyType, slot: number): Promise<void> {
    const keyNumber = tag.profile.keyAddressing(type, tag.profile.keySlots[slot] ?? 0).authKeyNumber;
    await tag.run(
      { name: `AUTHENTICATE (FF 88) block ${block} key ${type}`, apdu: Uint8Array.of(0xff, 0x88, 0x00, block & 0xff, type === 'A' ? 0x60 : 0x61, keyNumber) },
      'authenticate',
    );
  }

  /** Reads `length` bytes from `blockNumber` on, `packetSize` bytes per READ BINARY. */
  async read(blockNumber: number, length: number, blockSize = 4, packetSize = 16, readClass = 0xff): Promise<Buffer> {
    if (!this.card) throw new ReadError(CARD_NOT_CONNECTED);
    const chunks: { block: number; size: number }[] = [];
    for (let offset = 0; offset < length; offset += packetSize)
      chunks.push({ block: blockNumber + offset / blockSize, size: Math.min(packetSize, length - offset) });
    const handle = this.handle;
    if (chunks.length < 2 || !handle || !this.connection) {
      const parts: Buffer[] = [];
      for (const chunk of chunks) parts.push(await this.readOnce(chunk.block, chunk.size, readClass));
      return Buffer.concat(parts, length);
    }
    return Buffer.concat(await this.readBatch(handle, chunks, readClass), length);
  }

  /**
   * The READ BINARY commands of one read as one batch (one round trip to pcscd on the 'pcscd'
   * driver). Reads change nothing on the tag, so sending all before checking any gives the same
   * result and the same first error as one after the other.
   */
  private async readBatch(handle: Card, chunks: readonly { block: number; size: number }[], readClass: number): Promise<Buffer[]> {
    const make: ErrorFactory = (code, message, cause) => new ReadError(code, message, cause);
    const apdus = chunks.map(({ block, size }) => Buffer.from([readClass, 0xb0, (block >> 8) & 0xff, block & 0xff, size]));
    let results: Awaited<ReturnType<Card['transmitBatch']>>;
    try {
      results = await handle.transmitBatch(apdus.map((apdu) => Uint8Array.from(apdu)));
    } catch (error) {
      throw make(null, null, new TransmitError(FAILURE, 'An error occurred while transmitting.', error as Error));
    }
    return results.map((result, i) => {
      const apdu = apdus[i] as Buffer;
      const block = (chunks[i] as { block: number }).block;
      if (!result.ok) throw make(null, null, new TransmitError(FAILURE, 'An error occurred while transmitting.', result.error));
      const response = Buffer.from(result.response.bytes);
      if (response.length < 2)
        throw make(OPERATION_FAILED, `Operation failed: Invalid response length ${response.length}. Expected minimal length is 2 bytes.`);
      this.checkStatus(response, apdu, `READ BINARY block ${block}`, 'read', make, 'Read operation failed');
      return response.subarray(0, -2);
    });
  }

  private async readOnce(block: number, length: number, readClass: number): Promise<Buffer> {
    const apdu = Buffer.from([readClass, 0xb0, (block >> 8) & 0xff, block & 0xff, length]);
    const response = await this.exchange(apdu, (code, message, cause) => new ReadError(code, message, cause));
    this.checkStatus(
      response,
      apdu,
      `READ BINARY block ${block}`,
      'read',
      (code, message, cause) => new ReadError(code, message, cause),
      'Read operation failed',
    );
    return response.subarray(0, -2);
  }

  /** Writes whole blocks from `blockNumber` on, one UPDATE BINARY per block. */
  async write(blockNumber: number, data: Buffer, blockSize = 4): Promise<boolean> {
    if (!this.card) throw new WriteError(CARD_NOT_CONNECTED);
    if (data.length < blockSize || data.length % blockSize !== 0) {
      throw new WriteError('invalid_data_length', 'Invalid data length. You can only update the entire data block(s).');
    }
    for (let offset = 0; offset < data.length; offset += blockSize) {
      const block = blockNumber + offset / blockSize;
      const apdu = Buffer.concat([Buffer.from([0xff, 0xd6, 0x00, block & 0xff, blockSize]), data.subarray(offset, offset + blockSize)]);
      const response = await this.exchange(apdu, (code, message, cause) => new WriteError(code, message, cause));
      this.checkStatus(
        response,
        apdu,
        `UPDATE BINARY block ${block}`,
        'write',
        (code, message, cause) => new WriteError(code, message, cause),
        'Write operation failed',
      );
    }
    return true;
  }

  private async exchange(apdu: Buffer, make: ErrorFactory): Promise<Buffer> {
    let response: Buffer;
    try {
      response = await this.transmit(apdu);
    } catch (error) {
      throw make(null, null, error as Error);
    }
    if (response.length < 2) throw make(OPERATION_FAILED, `Operation failed: Invalid response length ${response.length}. Expected minimal length is 2 bytes.`);
    return response;
  }

  private checkStatus(response: Buffer, apdu: Buffer, command: string, family: CommandFamily, make: ErrorFactory, what: string): void {
    const sw = response.readUInt16BE(response.length - 2);
    if (sw === 0x9000) return;
    const typed = errorForStatus({ tag: this.tagLabel(), command, apdu: Uint8Array.from(apdu), sw }, family);
    throw make(OPERATION_FAILED, `${what}: Status code: 0x${sw.toString(16)}`, typed);
  }

  private tagLabel(): string {
    return this.card?.uid ? `tag ${this.card.uid.toUpperCase()} in ${this.name}` : `tag in ${this.name}`;
  }

  private tag(): NfcTag {
    const handle = this.handle;
    if (!this.card || !this.connection || !handle) throw new TransmitError(CARD_NOT_CONNECTED, 'No card or connection available.');
    return new NfcTag(handle, this.card.atr ?? new Uint8Array(0));
  }

  /** Called by NFC when a card arrives: connects, then reads the UID (automatic processing) and emits 'card'. */
  async cardInserted(atr: Uint8Array): Promise<void> {
    const standard = Reader.selectStandardByAtr(Buffer.from(atr));
    this.card = { atr: Buffer.from(atr), standard, type: standard };
    try {
      await this.connect();
    } catch (error) {
      this.reportError(error as Error);
      return;
    }
    if (!this.autoProcessing) {
      this.emit('card', { ...this.card });
      return;
    }
    await this.handleTag();
  }

  /** Called by NFC when the card leaves: 'card.off', then disconnect. */
  async cardRemoved(): Promise<void> {
    if (this.card) this.emit('card.off', { ...this.card });
    this.card = null;
    if (this.connection) await this.disconnect().catch((error: unknown) => this.reportError(error as Error));
  }

  /** Automatic processing: the UID for every tag; the SELECT of `aid` only for ISO 14443-4 tags with an AID set. */
  async handleTag(): Promise<void> {
    if (!this.card || !this.connection) return;
    const card = this.card;
    try {
      const response = await this.transmit(Buffer.from(getUidCommand().apdu));
      if (response.length >= 2 && response.readUInt16BE(response.length - 2) === 0x9000) card.uid = response.subarray(0, -2).toString('hex');
      else if (card.standard === TAG_ISO_14443_3) {
        this.reportError(new GetUIDError(OPERATION_FAILED, 'Could not get card UID.'));
        return;
      }
    } catch (error) {
      this.reportError(new GetUIDError(null, null, error as Error));
      return;
    }
    if (card.standard === TAG_ISO_14443_4 && this.storedAid !== null) {
      await this.selectAid(card, this.storedAid);
      return;
    }
    this.emit('card', { ...card });
  }

  private async selectAid(card: NfcCard, given: Aid): Promise<void> {
    const aid = typeof given === 'function' ? given({ ...card }) : given;
    if (!Buffer.isBuffer(aid)) {
      this.reportError(new Error('AID must be an instance of Buffer.'));
      return;
    }
    const apdu = Buffer.from([0x00, 0xa4, 0x04, 0x00, aid.length, ...aid, 0x00]);
    try {
      const response = await this.transmit(apdu);
      const sw = response.length >= 2 ? response.readUInt16BE(response.length - 2) : 0;
      if (response.length === 2 && sw === 0x6a82) {
        this.reportError(new Error(`Not found response. Tag not compatible with AID ${aid.toString('hex').toUpperCase()}.`));
        return;
      }
      if (response.length < 2) {
        this.reportError(new Error(`Invalid response length ${response.length}. Expected minimal length is 2 bytes.`));
        return;
      }
      if (sw !== 0x9000) {
        this.reportError(new Error('Response status error.'));
        return;
      }
      this.emit('card', { ...card, data: response.subarray(0, -2) });
    } catch (error) {
      this.reportError(new GetUIDError(null, null, error as Error));
    }
  }

  /** An 'error' event when someone listens; otherwise the logger gets it (nfc-pcsc crashed the process). */
  reportError(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else this.logger.error(error);
  }

  /** Nothing to release per reader: NFC.close() closes the PC/SC context. */
  close(): void {
    // Nothing to release here.
  }

  /** The reader's name. */
  override toString(): string {
    return this.name;
  }
}

type ErrorFactory = (code: string | null, message: string | null, cause?: Error) => Error;

function keyTypeOf(keyType: number): KeyType {
  if (keyType === KEY_TYPE_A) return 'A';
  if (keyType === KEY_TYPE_B) return 'B';
  throw new AuthenticationError('invalid_key_type', `Key type must be KEY_TYPE_A (0x60) or KEY_TYPE_B (0x61), got ${String(keyType)}.`);
}

function keyBytes(key: KeyInput, invalid: (message: string) => Error): Uint8Array {
  let bytes: Uint8Array;
  if (typeof key === 'string') bytes = Uint8Array.from(Buffer.from(key, 'hex'));
  else if (key instanceof Uint8Array || Array.isArray(key)) bytes = Uint8Array.from(key as ArrayLike<number>);
  else throw invalid('Key must an instance of Buffer or an array of bytes or a string.');
  if (bytes.length !== 6) throw invalid('Key length must be 6 bytes.');
  return bytes;
}

function operationError(error: unknown, make: ErrorFactory, what: string, authenticate = false): Error {
  const sw = (error as { sw?: unknown }).sw;
  if (typeof sw === 'number') return make(OPERATION_FAILED, `${what}: Status code: ${authenticate ? `0x${sw.toString(16)}` : sw}`, error as Error);
  return make(null, null, error as Error);
}
