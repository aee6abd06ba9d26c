import { formatHex } from '../apdu/hex';
import type { ResponseApdu } from '../apdu/response-apdu';
import type { Card } from '../core/card';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { TagCommandError, TagWrongLengthError } from './nfc-errors';
import { profileForReader, type KeyType, type ReaderProfile } from './reader/reader-profile';
import { errorForStatus, type CommandFamily } from './status-errors';
import {
  directTransmitCommand,
  generalAuthenticateCommand,
  getAtsCommand,
  getResponseCommand,
  getUidCommand,
  loadKeyCommand,
  obsoleteAuthenticateCommand,
  readBinaryCommand,
  updateBinaryCommand,
  type TagCommand,
} from './storage-commands';
import { identifyTag, isMifareClassicKind, isType2Kind, type TagIdentity } from './tag-kind';
import { ntagByCcSize, ntagByVersion, type NtagLayout } from './type2/ntag-models';

/**
 * What NfcTag needs of a connection: a Card, or anything that sends APDUs the same way. With
 * `transmitBatch` (a Card has it) a multi-chunk read goes out pipelined.
 */
export type TagConnection = Pick<Card, 'reader' | 'transmit'> & Partial<Pick<Card, 'transmitBatch'>>;

/** How NfcTag reads and writes: block size and the most bytes one READ BINARY returns. */
export interface TagGeometry {
  /** Bytes per block or page (4 for Type 2 pages, 16 for MIFARE Classic blocks). */
  readonly blockSize: number;
  /** Bytes one READ BINARY asks for (16: four Type 2 pages or one MIFARE Classic block). */
  readonly readSize: number;
}

/** Options of `new NfcTag`. */
export interface NfcTagOptions {
  /** The reader profile for key slots and addressing; default: chosen from the reader name. */
  readonly profile?: ReaderProfile;
  /** Block size and read size; default: from the tag kind (Type 2: 4/16, others: 16/16). */
  readonly geometry?: TagGeometry;
}

/** Options of `authenticate`. */
export interface AuthenticateOptions {
  /** The reader key slot holding the key (default: the profile's first slot). */
  readonly slot?: number;
}

/** Which NTAG a Type 2 tag is, and what told it. */
export interface NtagIdentification {
  /** The chip's memory layout (model, pages, dynamic lock page). */
  readonly layout: NtagLayout;
  /** GET_VERSION through the reader, or the capability container's size byte. */
  readonly source: 'get-version' | 'capability-container';
}

const TYPE2_GEOMETRY: TagGeometry = { blockSize: 4, readSize: 16 };
const BLOCK_GEOMETRY: TagGeometry = { blockSize: 16, readSize: 16 };

/**
 * A contactless tag on a connected card: UID, ATS and the PC/SC Part 3 storage commands, with
 * each tag's chunking and the reader's key addressing. Every failing status word becomes a typed
 * error naming the tag, the command and the SW.
 */
export class NfcTag {
  /** The tag's identity from its ATR. */
  readonly identity: TagIdentity;
  /** The reader profile in use. */
  readonly profile: ReaderProfile;
  /** Block size and read size in use. */
  readonly geometry: TagGeometry;
  private knownUid: Uint8Array | undefined;

  constructor(
    /** The connection commands go through. */
    readonly connection: TagConnection,
    atr: Uint8Array,
    options: NfcTagOptions = {},
  ) {
    this.identity = identifyTag(atr);
    this.profile = options.profile ?? profileForReader(connection.reader);
    this.geometry = options.geometry ?? (isType2Kind(this.identity.kind) ? TYPE2_GEOMETRY : BLOCK_GEOMETRY);
  }

  /** The UID once `uid()` has read it. */
  get cachedUid(): Uint8Array | undefined {
    return this.knownUid;
  }

  /** How errors name the tag: kind and UID, or kind and reader. */
  get label(): string {
    return this.knownUid ? `${this.identity.name} ${formatHex(this.knownUid, '')}` : `${this.identity.name} in ${this.connection.reader}`;
  }

  /** GET DATA: the tag's UID (PUPI for type B, IDm for FeliCa). */
  async uid(): Promise<Uint8Array> {
    const uid = await this.run(getUidCommand(), 'get-data');
    this.knownUid = uid;
    return uid;
  }

  /** GET DATA: the ATS historical bytes of an ISO 14443-4 card (some readers return the whole ATS). */
  ats(): Promise<Uint8Array> {
    return this.run(getAtsCommand(), 'get-data');
  }

  /** Sends one pseudo-APDU; resolves with its data, rejects with a typed error on any SW but 90 00. */
  async run(command: TagCommand, family: CommandFamily = 'other'): Promise<Uint8Array> {
    const response = await this.connection.transmit(command.apdu);
    if (response.sw >> 8 === 0x61) return this.fetchResponse(command, family, response.sw & 0xff);
    return this.check(command, family, response);
  }

  /**
   * A reader that answers `61 xx` (old ACR122U firmware, after a direct transmit) holds xx bytes
   * for GET RESPONSE `FF C0 00 00 xx` (the command's class); chained 61s are followed, each part
   * kept, up to 16 times.
   */
  private async fetchResponse(command: TagCommand, family: CommandFamily, announced: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let length = announced;
    for (let round = 0; round < 16; round += 1) {
      const request = getResponseCommand(command.apdu[0] ?? 0xff, length);
      const response = await this.connection.transmit(request.apdu);
      parts.push(response.data);
      if (response.sw >> 8 === 0x61) {
        length = response.sw & 0xff;
        continue;
      }
      this.check({ name: `${command.name} (GET RESPONSE)`, apdu: request.apdu }, family, response);
      return Uint8Array.from(parts.flatMap((part) => Array.from(part)));
    }
    throw errorForStatus({ tag: this.label, command: command.name, apdu: command.apdu, sw: 0x6100 | length }, family);
  }

  /**
   * ACR122U direct transmit: sends a PN532 frame (`D4 …`) and resolves with the PN532's answer
   * (`D5 …`), fetching it with GET RESPONSE where the firmware answers 61 xx. Readers without a
   * PN532 answer with an error SW (typed error).
   */
  directTransmit(pn532Frame: Uint8Array): Promise<Uint8Array> {
    return this.run(directTransmitCommand(pn532Frame), 'other');
  }

  /**
   * A native frame to the tag through the reader (PN532 InCommunicateThru `D4 42`), where the
   * profile says the reader passes one (`passThrough`); resolves with the tag's answer. Undefined
   * when the reader has no pass-through or the tag did not answer.
   */
  async passThrough(frame: Uint8Array): Promise<Uint8Array | undefined> {
    if (this.profile.passThrough !== 'pn532') return undefined;
    let answer: Uint8Array;
    try {
      answer = await this.directTransmit(Uint8Array.of(0xd4, 0x42, ...frame));
    } catch (error) {
      if (error instanceof TagCommandError) return undefined;
      throw error;
    }
    // D5 43 <status> <data>: status 00 is success; anything else (timeout, NAK) means no answer.
    if (answer[0] !== 0xd5 || answer[1] !== 0x43 || answer[2] !== 0x00) return undefined;
    return answer.subarray(3);
  }

  /**
   * Which NTAG this Type 2 tag is: from GET_VERSION (`60`) through the reader's pass-through where
   * it has one, else from the capability container's size byte (as NXP ships the chips).
   * Undefined when neither tells (an Ultralight, a reformatted CC).
   */
  async ntagModel(): Promise<NtagIdentification | undefined> {
    if (!this.isType2) return undefined;
    const version = await this.passThrough(Uint8Array.of(0x60));
    const byVersion = version ? ntagByVersion(version) : undefined;
    if (byVersion) return { layout: byVersion, source: 'get-version' };
    const cc = await this.read(3, this.geometry.readSize);
    const byCc = cc[0] === 0xe1 ? ntagByCcSize(cc[2] ?? 0) : undefined;
    return byCc ? { layout: byCc, source: 'capability-container' } : undefined;
  }

  private check(command: TagCommand, family: CommandFamily, response: ResponseApdu): Uint8Array {
    if (response.sw === 0x9000) return response.data;
    throw errorForStatus({ tag: this.label, command: command.name, apdu: command.apdu, sw: response.sw }, family);
  }

  /**
   * Reads `length` bytes from block (or page) `block` on, one READ BINARY per `readSize` bytes.
   * MIFARE Classic sectors must be authenticated first.
   */
  async read(block: number, length: number): Promise<Uint8Array> {
    if (!Number.isInteger(length) || length < 1) throw InvalidArgumentError.expected('length', 'a positive integer', length, 'read');
    const { blockSize, readSize } = this.geometry;
    const out = new Uint8Array(length);
    const offsets: number[] = [];
    for (let offset = 0; offset < length; offset += readSize) offsets.push(offset);
    const commands = offsets.map((offset) => readBinaryCommand(block + offset / blockSize, readSize));
    const answers = await this.runAll(commands, 'read');
    for (const [i, offset] of offsets.entries()) {
      const command = commands[i] as TagCommand;
      const data = answers[i] as Uint8Array;
      if (data.length < Math.min(readSize, length - offset)) {
        throw new TagWrongLengthError(
          { tag: this.label, command: command.name, apdu: command.apdu, sw: 0x9000 },
          'wrong-length',
          `the reader returned ${data.length} bytes, expected ${readSize}`,
        );
      }
      out.set(data.subarray(0, Math.min(readSize, length - offset)), offset);
    }
    return out;
  }

  /** Independent commands: one batch (one round trip on the 'pcscd' driver) when the connection can, else one by one. */
  private async runAll(commands: readonly TagCommand[], family: CommandFamily): Promise<Uint8Array[]> {
    const batch = this.connection.transmitBatch;
    if (commands.length < 2 || typeof batch !== 'function') {
      const answers: Uint8Array[] = [];
      for (const command of commands) answers.push(await this.run(command, family));
      return answers;
    }
    const results = await batch.call(
      this.connection,
      commands.map((command) => command.apdu),
    );
    return results.map((result, i) => {
      if (!result.ok) throw result.error;
      return this.check(commands[i] as TagCommand, family, result.response);
    });
  }

  /** Writes whole blocks (or pages) from `block` on, one UPDATE BINARY per block. */
  async write(block: number, data: Uint8Array): Promise<void> {
    const { blockSize } = this.geometry;
    if (data.length === 0 || data.length % blockSize !== 0) {
      throw InvalidArgumentError.expected('data', `a multiple of ${blockSize} bytes for ${this.identity.name}`, `${data.length} bytes`, 'write');
    }
    for (let offset = 0; offset < data.length; offset += blockSize) {
      await this.run(updateBinaryCommand(block + offset / blockSize, data.subarray(offset, offset + blockSize)), 'write');
    }
  }

  /** LOAD KEYS: puts a 6-byte MIFARE key into a reader key slot, addressed as the profile says. */
  async loadKey(key: Uint8Array, type: KeyType = 'A', slot: number = this.defaultSlot()): Promise<void> {
    this.checkSlot(slot);
    await this.run(loadKeyCommand(this.profile.keyAddressing(type, slot), key), 'load-key');
  }

  /**
   * GENERAL AUTHENTICATE for `block` with the key in `slot`; a reader that answers 6D 00 / 6E 00
   * gets the obsolete `FF 88` form instead.
   */
  async authenticate(block: number, type: KeyType, options: AuthenticateOptions = {}): Promise<void> {
    const slot = options.slot ?? this.defaultSlot();
    this.checkSlot(slot);
    const keyNumber = this.profile.keyAddressing(type, slot).authKeyNumber;
    try {
      await this.run(generalAuthenticateCommand(block, type, keyNumber), 'authenticate');
    } catch (error) {
      if (!(error instanceof TagCommandError) || (error.sw !== 0x6d00 && error.sw !== 0x6e00) || block > 0xff) throw error;
      await this.run(obsoleteAuthenticateCommand(block, type, keyNumber), 'authenticate');
    }
  }

  /** Loads `key` and authenticates `block` with it. */
  async authenticateWithKey(block: number, type: KeyType, key: Uint8Array, options: AuthenticateOptions = {}): Promise<void> {
    const slot = options.slot ?? this.defaultSlot();
    await this.loadKey(key, type, slot);
    await this.authenticate(block, type, { slot });
  }

  /** True when the ATR says MIFARE Classic (or Plus in security level 1). */
  get isMifareClassic(): boolean {
    return isMifareClassicKind(this.identity.kind);
  }

  /** True when the ATR says a Type 2 tag (Ultralight family, NTAG). */
  get isType2(): boolean {
    return isType2Kind(this.identity.kind);
  }

  private defaultSlot(): number {
    return this.profile.keySlots[0] ?? 0;
  }

  private checkSlot(slot: number): void {
    if (!this.profile.keySlots.includes(slot)) {
      throw InvalidArgumentError.expected('slot', `one of the ${this.profile.name} reader's key slots (${this.profile.keySlots.join(', ')})`, slot);
    }
  }
}
