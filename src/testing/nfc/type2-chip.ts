import { storageCardAtr } from './contactless-atr';
import { FAILED, ok, type ChipResult, type TagChip } from './tag-chip';
import { dynamicallyLocked, NTAG_LAYOUTS, type NtagLayout } from '../../nfc/type2/ntag-models';

/** The Type 2 chips modelled. */
export type Type2Model = 'ntag213' | 'ntag215' | 'ntag216' | 'ultralight';

interface ModelFacts {
  readonly pages: number;
  /** CC byte 2: data area size / 8. */
  readonly ccSize: number;
  /** Factory data from page 4 on. */
  readonly factoryData: readonly number[];
}

/** Page counts and CCs (NXP NTAG213/215/216 and MF0ICU1 datasheets; CCs as NXP ships them). */
const MODELS: Readonly<Record<Type2Model, ModelFacts>> = {
  ntag213: { pages: 45, ccSize: 0x12, factoryData: [0x01, 0x03, 0xa0, 0x0c, 0x34, 0x03, 0x00, 0xfe] },
  ntag215: { pages: 135, ccSize: 0x3e, factoryData: [0x03, 0x00, 0xfe] },
  ntag216: { pages: 231, ccSize: 0x6d, factoryData: [0x03, 0x00, 0xfe] },
  ultralight: { pages: 16, ccSize: 0x06, factoryData: [0x03, 0x00, 0xfe] },
};

/** Options of Type2Chip. */
export interface Type2ChipOptions {
  /** 7-byte UID (default 04 11 22 33 44 55 66). */
  readonly uid?: Uint8Array;
  /** Leave the CC and data area blank (not NDEF formatted). */
  readonly blank?: boolean;
}

/**
 * An NFC Forum Type 2 tag: NTAG213/215/216 or MIFARE Ultralight. 4-byte pages, READ returns 16
 * bytes (4 pages, rolling over at the end), pages 0–1 read-only, lock bytes and CC one-time
 * programmable (bits OR-ed), static lock bits and (NTAG) dynamic lock bits enforced.
 */
export class Type2Chip implements TagChip {
  readonly uid: Uint8Array;
  readonly atr: Uint8Array;
  /** The pages as stored. */
  readonly memory: Uint8Array;
  /** Number of 4-byte pages. */
  readonly pageCount: number;
  /** Dynamic lock bytes' page and granularity (NTAG only). */
  readonly ntag: NtagLayout | undefined;

  constructor(
    /** Which chip. */
    readonly model: Type2Model,
    options: Type2ChipOptions = {},
  ) {
    const facts = MODELS[model];
    this.pageCount = facts.pages;
    this.ntag = model === 'ultralight' ? undefined : NTAG_LAYOUTS[model];
    this.uid = options.uid ?? Uint8Array.of(0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66);
    // PC/SC Part 3 has no NTAG card name; readers report the Ultralight one.
    this.atr = storageCardAtr(0x03, 0x0003);
    this.memory = new Uint8Array(facts.pages * 4);
    const u = this.uid;
    this.memory.set([u[0] ?? 0, u[1] ?? 0, u[2] ?? 0, 0x88 ^ (u[0] ?? 0) ^ (u[1] ?? 0) ^ (u[2] ?? 0)], 0);
    this.memory.set([u[3] ?? 0, u[4] ?? 0, u[5] ?? 0, u[6] ?? 0], 4);
    this.memory.set([(u[3] ?? 0) ^ (u[4] ?? 0) ^ (u[5] ?? 0) ^ (u[6] ?? 0), 0x48, 0x00, 0x00], 8);
    if (!options.blank) {
      this.memory.set([0xe1, 0x10, facts.ccSize, 0x00], 12);
      this.memory.set(facts.factoryData, 16);
    }
  }

  /** Bytes of pages `first`..`first + count - 1` as stored. */
  pages(first: number, count: number): Uint8Array {
    return this.memory.slice(first * 4, (first + count) * 4);
  }

  reset(): void {
    // A Type 2 tag keeps no state across a reset.
  }

  read(page: number, length: number): ChipResult {
    if (page >= this.pageCount || length > 16) return FAILED;
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i += 1) out[i] = this.memory[(page * 4 + i) % this.memory.length] ?? 0;
    return ok(out.subarray(0, length));
  }

  /**
   * Native frames: GET_VERSION (60) answers NXP's 8 bytes for an NTAG (vendor 04, type 04,
   * subtype 02, version 01 00, storage size, protocol 03); the Ultralight has no GET_VERSION and
   * stays silent. READ (30 page) answers 16 bytes. Anything else: silence.
   */
  native(frame: Uint8Array): ChipResult {
    if (frame[0] === 0x60 && frame.length === 1) {
      return this.ntag ? ok(Uint8Array.of(0x00, 0x04, 0x04, 0x02, 0x01, 0x00, this.ntag.storageSize, 0x03)) : FAILED;
    }
    if (frame[0] === 0x30 && frame.length === 2) return this.read(frame[1] ?? 0, 16);
    return FAILED;
  }

  write(page: number, data: Uint8Array): ChipResult {
    if (data.length !== 4 || page < 2 || page >= this.pageCount) return FAILED;
    if (page === 2) {
      // Only the two lock bytes change, and only from 0 to 1.
      this.memory[10] = (this.memory[10] ?? 0) | (data[2] ?? 0);
      this.memory[11] = (this.memory[11] ?? 0) | (data[3] ?? 0);
      return ok();
    }
    if (this.pageLocked(page)) return FAILED;
    if (page === this.ntag?.dynamicLockPage) {
      // Dynamic lock bytes 0–2 are one-time programmable; byte 3 is reserved.
      for (let i = 0; i < 3; i += 1) this.memory[page * 4 + i] = (this.memory[page * 4 + i] ?? 0) | (data[i] ?? 0);
      return ok();
    }
    if (page === 3) {
      for (let i = 0; i < 4; i += 1) this.memory[12 + i] = (this.memory[12 + i] ?? 0) | (data[i] ?? 0);
      return ok();
    }
    this.memory.set(data, page * 4);
    return ok();
  }

  private pageLocked(page: number): boolean {
    if (page >= 16) {
      if (!this.ntag) return false;
      const at = this.ntag.dynamicLockPage * 4;
      return dynamicallyLocked(this.ntag, (this.memory[at] ?? 0) | ((this.memory[at + 1] ?? 0) << 8), page);
    }
    const locks = (this.memory[10] ?? 0) | ((this.memory[11] ?? 0) << 8);
    return (locks & (1 << page)) !== 0;
  }
}
