import { decodeAccessBits, dataBlockRights, keyAllows, trailerRights, type SectorAccess } from '../../nfc/mifare/access-bits';
import {
  accessGroupOfBlock,
  blockCount,
  firstBlockOfSector,
  isTrailerBlock,
  sectorCount,
  sectorOfBlock,
  trailerBlockOfSector,
  type ClassicSize,
} from '../../nfc/mifare/classic-layout';
import { storageCardAtr } from './contactless-atr';
import { FAILED, ok, type ChipKeyType, type ChipResult, type TagChip } from './tag-chip';

/** Options of MifareClassicChip. */
export interface MifareClassicChipOptions {
  /** '1k' (default) or '4k'. */
  readonly size?: '1k' | '4k';
  /** 4-byte UID (default 04 A2 3B 51 for 1K). */
  readonly uid?: Uint8Array;
}

const TRANSPORT_TRAILER = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x07, 0x80, 0x69, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

/**
 * A MIFARE Classic 1K/4K (NXP MF1S50/MF1S70): 16-byte blocks, key A/B per sector, access bits
 * enforced, one authenticated sector at a time, block 0 read-only, and a sector whose access bits
 * were written inconsistent is blocked for good.
 */
export class MifareClassicChip implements TagChip {
  readonly uid: Uint8Array;
  readonly atr: Uint8Array;
  /** The whole memory as the chip stores it (keys included). */
  readonly memory: Uint8Array;
  /** '1k' or '4k'. */
  readonly size: ClassicSize;
  private session: { sector: number; key: ChipKeyType } | undefined;

  constructor(options: MifareClassicChipOptions = {}) {
    this.size = options.size ?? '1k';
    this.uid = options.uid ?? Uint8Array.of(0x04, 0xa2, 0x3b, this.size === '1k' ? 0x51 : 0x52);
    this.atr = storageCardAtr(0x03, this.size === '1k' ? 0x0001 : 0x0002);
    this.memory = new Uint8Array(blockCount(this.size) * 16);
    const bcc = this.uid.reduce((x, b) => x ^ b, 0);
    this.memory.set([...this.uid, bcc, this.size === '1k' ? 0x08 : 0x18, 0x04, 0x00, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69], 0);
    for (let sector = 0; sector < sectorCount(this.size); sector += 1) this.memory.set(TRANSPORT_TRAILER, trailerBlockOfSector(sector, this.size) * 16);
  }

  /** Sets a sector's keys and access bits directly (test set-up, no authentication). */
  setSectorTrailer(sector: number, keyA: Uint8Array, accessBytes: Uint8Array, keyB: Uint8Array): void {
    const at = trailerBlockOfSector(sector, this.size) * 16;
    this.memory.set(keyA, at);
    this.memory.set(accessBytes.subarray(0, 3), at + 6);
    this.memory.set(keyB, at + 10);
  }

  /** One block's bytes as stored. */
  block(block: number): Uint8Array {
    return this.memory.slice(block * 16, block * 16 + 16);
  }

  reset(): void {
    this.session = undefined;
  }

  private access(sector: number): SectorAccess | undefined {
    const at = trailerBlockOfSector(sector, this.size) * 16;
    try {
      return decodeAccessBits(this.memory.subarray(at + 6, at + 9));
    } catch {
      return undefined;
    }
  }

  authenticate(block: number, type: ChipKeyType, key: Uint8Array): boolean {
    this.session = undefined;
    if (block >= blockCount(this.size)) return false;
    const sector = sectorOfBlock(block, this.size);
    const access = this.access(sector);
    if (!access) return false;
    const at = trailerBlockOfSector(sector, this.size) * 16 + (type === 'A' ? 0 : 10);
    // A readable key B is data, not a key.
    if (type === 'B' && trailerRights(access[3]).readKeyB !== 'never') return false;
    const stored = this.memory.subarray(at, at + 6);
    if (!stored.every((byte, i) => byte === key[i])) return false;
    this.session = { sector, key: type };
    return true;
  }

  read(block: number, length: number): ChipResult {
    const rights = this.rightsFor(block);
    if (!rights || length > 16) return FAILED;
    const { access, key } = rights;
    const data = this.block(block);
    if (isTrailerBlock(block, this.size)) {
      const trailer = trailerRights(access[3]);
      data.fill(0, 0, 6);
      if (!keyAllows(trailer.readAccess, key)) data.fill(0, 6, 10);
      if (!keyAllows(trailer.readKeyB, key)) data.fill(0, 10, 16);
    } else if (!keyAllows(dataBlockRights(access[accessGroupOfBlock(block, this.size)] ?? 0).read, key)) {
      return FAILED;
    }
    return ok(data.subarray(0, length));
  }

  write(block: number, data: Uint8Array): ChipResult {
    const rights = this.rightsFor(block);
    if (!rights || data.length !== 16 || block === 0) return FAILED;
    const { access, key } = rights;
    if (isTrailerBlock(block, this.size)) return this.writeTrailer(block, data, access, key);
    if (!keyAllows(dataBlockRights(access[accessGroupOfBlock(block, this.size)] ?? 0).write, key)) return FAILED;
    this.memory.set(data, block * 16);
    return ok();
  }

  private writeTrailer(block: number, data: Uint8Array, access: SectorAccess, key: ChipKeyType): ChipResult {
    const rights = trailerRights(access[3]);
    if (!keyAllows(rights.writeKeyA, key) && !keyAllows(rights.writeAccess, key) && !keyAllows(rights.writeKeyB, key)) return FAILED;
    const at = block * 16;
    // Each part is written only where the access conditions allow it; the others keep their value.
    if (keyAllows(rights.writeKeyA, key)) this.memory.set(data.subarray(0, 6), at);
    if (keyAllows(rights.writeAccess, key)) this.memory.set(data.subarray(6, 10), at + 6);
    if (keyAllows(rights.writeKeyB, key)) this.memory.set(data.subarray(10, 16), at + 10);
    return ok();
  }

  private rightsFor(block: number): { access: SectorAccess; key: ChipKeyType } | undefined {
    if (block >= blockCount(this.size) || !this.session) return undefined;
    const sector = sectorOfBlock(block, this.size);
    if (this.session.sector !== sector) return undefined;
    const access = this.access(sector);
    return access ? { access, key: this.session.key } : undefined;
  }

  /** First block of a sector (helper for tests). */
  firstBlock(sector: number): number {
    return firstBlockOfSector(sector, this.size);
  }
}
