import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { NfcTag } from '../nfc-tag';
import { LockingTrailerError } from '../nfc-errors';
import type { KeyType } from '../reader/reader-profile';
import { decodeAccessBits, locksSector, type AccessBitsError } from './access-bits';
import { blocksInSector, firstBlockOfSector, isTrailerBlock, sectorOfBlock, type ClassicSize } from './classic-layout';
import { decodeValueBlock, encodeValueBlock } from './value-block';

/** A MIFARE key and which one it is. */
export interface ClassicKey {
  /** 'A' or 'B'. */
  readonly type: KeyType;
  /** The 6 key bytes. */
  readonly key: Uint8Array;
}

/** Options of MifareClassic.writeBlock. */
export interface ClassicWriteOptions {
  /** Write a trailer even when it locks the sector, or block 0 (manufacturer block, refused by genuine cards). */
  readonly force?: boolean;
}

/** The factory key FF FF FF FF FF FF. */
export const DEFAULT_CLASSIC_KEY: Uint8Array = new Uint8Array(6).fill(0xff);

/**
 * MIFARE Classic on top of an NfcTag: authenticates each sector once (again after any other
 * sector), reads and writes blocks, guards sector trailers and handles value blocks.
 */
export class MifareClassic {
  /** The sector and key of the current authentication: a different key means authenticating again. */
  private authenticated: { sector: number; type: KeyType; key: string } | undefined;

  constructor(
    /** The tag. */
    readonly tag: NfcTag,
    /** The card size (1k default, from the ATR when it says 4K or Mini). */
    readonly size: ClassicSize = sizeFromKind(tag.identity.kind),
  ) {}

  /** Authenticates the sector of `block` (loads the key first). */
  async authenticate(block: number, key: ClassicKey): Promise<void> {
    const sector = sectorOfBlock(block, this.size);
    this.authenticated = undefined;
    await this.tag.authenticateWithKey(block, key.type, key.key);
    this.authenticated = { sector, type: key.type, key: keyText(key.key) };
  }

  /** Reads one 16-byte block, authenticating its sector with `key` when it is not already. */
  async readBlock(block: number, key: ClassicKey): Promise<Uint8Array> {
    await this.ensureAuthenticated(block, key);
    return this.tag.read(block, 16);
  }

  /** Reads every block of `sector` (trailer included, keys read back as the card shows them). */
  async readSector(sector: number, key: ClassicKey): Promise<Uint8Array> {
    const first = firstBlockOfSector(sector, this.size);
    await this.ensureAuthenticated(first, key);
    return this.tag.read(first, blocksInSector(sector) * 16);
  }

  /** Writes one block; a trailer that locks its sector, and block 0, are refused unless `force`. */
  async writeBlock(block: number, data: Uint8Array, key: ClassicKey, options: ClassicWriteOptions = {}): Promise<void> {
    if (data.length !== 16) throw InvalidArgumentError.expected('data', 'a 16-byte block', `${data.length} bytes`, 'writeBlock');
    if (block === 0 && options.force !== true)
      throw new InvalidArgumentError('Block 0 is the manufacturer block; pass { force: true } to write it anyway', 'block', 'writeBlock');
    if (isTrailerBlock(block, this.size) && options.force !== true) checkTrailer(data);
    await this.ensureAuthenticated(block, key);
    await this.tag.write(block, data);
  }

  /** Reads a value block. */
  async readValue(block: number, key: ClassicKey): Promise<number> {
    return decodeValueBlock(await this.readBlock(block, key)).value;
  }

  /** Writes a value block (address byte = the block number). */
  async writeValue(block: number, value: number, key: ClassicKey): Promise<void> {
    await this.writeBlock(block, encodeValueBlock(value, block), key);
  }

  /** Forgets which sector is authenticated (after a reconnect or a tag change). */
  forgetAuthentication(): void {
    this.authenticated = undefined;
  }

  private async ensureAuthenticated(block: number, key: ClassicKey): Promise<void> {
    const current = this.authenticated;
    if (current?.sector === sectorOfBlock(block, this.size) && current.type === key.type && current.key === keyText(key.key)) return;
    await this.authenticate(block, key);
  }
}

function checkTrailer(data: Uint8Array): void {
  let access;
  try {
    access = decodeAccessBits(data.subarray(6, 9));
  } catch (error) {
    throw new LockingTrailerError(`${(error as AccessBitsError).message}; pass { force: true } to write it anyway`);
  }
  if (locksSector(access)) {
    throw new LockingTrailerError('This trailer lets no key change the access bits again; pass { force: true } to write it anyway');
  }
}

function keyText(key: Uint8Array): string {
  return Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
}

function sizeFromKind(kind: string): ClassicSize {
  if (kind === 'mifare-classic-4k' || kind === 'mifare-plus-4k') return '4k';
  if (kind === 'mifare-mini') return 'mini';
  return '1k';
}
