import { iso14443_4Atr } from './contactless-atr';
import type { TagChip } from './tag-chip';

const SW = {
  ok: [0x90, 0x00],
  notFound: [0x6a, 0x82],
  wrongLength: [0x67, 0x00],
  wrongOffset: [0x6b, 0x00],
  insNotSupported: [0x6d, 0x00],
  claNotSupported: [0x6e, 0x00],
  noEf: [0x69, 0x86],
  noPrecise: [0x6f, 0x00],
  securityStatus: [0x69, 0x82],
} as const;

const NDEF_AID = [0xd2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01];

function bigEndian(value: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => Math.floor(value / 256 ** (bytes - 1 - i)) & 0xff);
}

/** Options of Type4Chip. */
export interface Type4ChipOptions {
  /** NDEF file size in bytes including NLEN (default 2048). */
  readonly ndefFileSize?: number;
  /** MLe (default 0x3B, as NTAG 424 DNA reports) and MLc (default 0x34). */
  readonly maxRead?: number;
  /** MLc. */
  readonly maxWrite?: number;
  /** NDEF file read-only (write access byte FF). */
  readonly readOnly?: boolean;
  /** Initial NDEF message bytes. */
  readonly message?: Uint8Array;
  /** 7-byte UID. */
  readonly uid?: Uint8Array;
  /**
   * Mapping version: 2 (default; CC 0F bytes, NDEF File Control TLV 04 06, 2-byte NLEN) or 3
   * (CC 11 bytes, Extended NDEF File Control TLV 06 08 with a 4-byte size, 4-byte ENLEN).
   */
  readonly mappingVersion?: 2 | 3;
}

/**
 * An NFC Forum Type 4 tag (mapping 2.0, or 3.0 with `mappingVersion: 3`): the NDEF Tag
 * Application, CC file E103, NDEF file E104.
 * Its ATR carries the historical byte 80 of a DESFire-style ATS.
 */
export class Type4Chip implements TagChip {
  readonly uid: Uint8Array;
  readonly atr: Uint8Array;
  readonly historicalBytes = Uint8Array.of(0x80);
  /** The CC file. */
  readonly ccFile: Uint8Array;
  /** The NDEF file (NLEN + message). */
  readonly ndefFile: Uint8Array;
  private appSelected = false;
  private file: Uint8Array | undefined;

  constructor(options: Type4ChipOptions = {}) {
    this.uid = options.uid ?? Uint8Array.of(0x04, 0x4d, 0x55, 0x12, 0x6a, 0x1b, 0x80);
    this.atr = iso14443_4Atr([0x80]);
    const size = options.ndefFileSize ?? 2048;
    const mle = options.maxRead ?? 0x3b;
    const mlc = options.maxWrite ?? 0x34;
    const write = options.readOnly ? 0xff : 0x00;
    this.lengthField = options.mappingVersion === 3 ? 4 : 2;
    this.ccFile =
      options.mappingVersion === 3
        ? Uint8Array.of(0x00, 0x11, 0x30, mle >> 8, mle & 0xff, mlc >> 8, mlc & 0xff, 0x06, 0x08, 0xe1, 0x04, ...bigEndian(size, 4), 0x00, write)
        : Uint8Array.of(0x00, 0x0f, 0x20, mle >> 8, mle & 0xff, mlc >> 8, mlc & 0xff, 0x04, 0x06, 0xe1, 0x04, ...bigEndian(size, 2), 0x00, write);
    this.ndefFile = new Uint8Array(size);
    const message = options.message ?? new Uint8Array(0);
    this.ndefFile.set([...bigEndian(message.length, this.lengthField), ...message]);
  }

  /** Bytes of the NDEF file's length field: 2 (NLEN) or, mapping 3.0, 4 (ENLEN). */
  readonly lengthField: 2 | 4;

  /** The NDEF message currently stored. */
  get message(): Uint8Array {
    let length = 0;
    for (let i = 0; i < this.lengthField; i += 1) length = length * 256 + (this.ndefFile[i] ?? 0);
    return this.ndefFile.slice(this.lengthField, this.lengthField + length);
  }

  reset(): void {
    this.appSelected = false;
    this.file = undefined;
  }

  apdu(command: Uint8Array): Uint8Array {
    if (command[0] !== 0x00) return Uint8Array.from(SW.claNotSupported);
    const ins = command[1];
    const p1 = command[2] ?? 0;
    const p2 = command[3] ?? 0;
    if (ins === 0xa4) return this.select(command, p1, p2);
    if (ins === 0xb0) return this.readBinary(command, (p1 << 8) | p2);
    if (ins === 0xd6) return this.updateBinary(command, (p1 << 8) | p2);
    return Uint8Array.from(SW.insNotSupported);
  }

  private select(command: Uint8Array, p1: number, p2: number): Uint8Array {
    const lc = command[4] ?? 0;
    const data = command.subarray(5, 5 + lc);
    if (p1 === 0x04) {
      this.file = undefined;
      this.appSelected = lc === NDEF_AID.length && NDEF_AID.every((b, i) => data[i] === b);
      return Uint8Array.from(this.appSelected ? SW.ok : SW.notFound);
    }
    if (p1 === 0x00 && (p2 === 0x0c || p2 === 0x00) && lc === 2 && this.appSelected) {
      const id = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
      this.file = id === 0xe103 ? this.ccFile : id === 0xe104 ? this.ndefFile : undefined;
      return Uint8Array.from(this.file ? SW.ok : SW.notFound);
    }
    return Uint8Array.from(SW.notFound);
  }

  private readBinary(command: Uint8Array, offset: number): Uint8Array {
    if (!this.file) return Uint8Array.from(SW.noEf);
    if (command.length !== 5) return Uint8Array.from(SW.wrongLength);
    const le = command[4] === 0 ? 256 : (command[4] ?? 0);
    const mle = ((this.ccFile[3] ?? 0) << 8) | (this.ccFile[4] ?? 0);
    if (le > mle) return Uint8Array.from(SW.wrongLength);
    if (offset >= this.file.length) return Uint8Array.from(SW.wrongOffset);
    return Uint8Array.from([...this.file.subarray(offset, offset + le), ...SW.ok]);
  }

  private updateBinary(command: Uint8Array, offset: number): Uint8Array {
    if (this.file !== this.ndefFile) return Uint8Array.from(this.file ? SW.securityStatus : SW.noEf);
    if (this.ccFile[this.ccFile.length - 1] !== 0x00) return Uint8Array.from(SW.securityStatus);
    const lc = command[4] ?? 0;
    const mlc = ((this.ccFile[5] ?? 0) << 8) | (this.ccFile[6] ?? 0);
    if (command.length !== 5 + lc || lc > mlc) return Uint8Array.from(SW.wrongLength);
    if (offset + lc > this.ndefFile.length) return Uint8Array.from(SW.wrongOffset);
    this.ndefFile.set(command.subarray(5), offset);
    return Uint8Array.from(SW.ok);
  }
}

/** Options of PhoneChip. */
export interface PhoneChipOptions {
  /** AIDs the phone's apps registered, with the app's answer to each command after SELECT. */
  readonly services?: ReadonlyMap<string, (command: Uint8Array) => Uint8Array>;
  /** Random UID the phone shows (4 bytes, first 08 as Android randomises). */
  readonly uid?: Uint8Array;
}

/**
 * A phone in host card emulation (Android HostEmulationManager behaviour): SELECT of an AID no
 * app registered answers 6A 82; any other command before a successful SELECT answers 6F 00.
 */
export class PhoneChip implements TagChip {
  readonly uid: Uint8Array;
  readonly atr: Uint8Array = iso14443_4Atr([]);
  readonly historicalBytes = new Uint8Array(0);
  /** Commands the phone received, as hex. */
  readonly received: Uint8Array[] = [];
  private service: ((command: Uint8Array) => Uint8Array) | undefined;
  private readonly services: ReadonlyMap<string, (command: Uint8Array) => Uint8Array>;

  constructor(options: PhoneChipOptions = {}) {
    this.uid = options.uid ?? Uint8Array.of(0x08, 0x5a, 0x1c, 0x7e);
    this.services = options.services ?? new Map();
  }

  reset(): void {
    this.service = undefined;
  }

  apdu(command: Uint8Array): Uint8Array {
    this.received.push(Uint8Array.from(command));
    if (command[1] === 0xa4 && command[2] === 0x04) {
      const aid = Array.from(command.subarray(5, 5 + (command[4] ?? 0)), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
      this.service = this.services.get(aid);
      if (!this.service) return Uint8Array.from(SW.notFound);
    }
    if (!this.service) return Uint8Array.from(SW.noPrecise);
    return this.service(command);
  }
}
