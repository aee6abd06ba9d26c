import { InvalidArgumentError } from '../../errors/invalid-argument-error';

/** The MIFARE Classic memory sizes. */
export type ClassicSize = '1k' | '4k' | 'mini';

const SECTORS: Readonly<Record<ClassicSize, number>> = { mini: 5, '1k': 16, '4k': 40 };

/** Sectors 0–31 have 4 blocks; 4K sectors 32–39 have 16 (NXP MF1S70 datasheet). */
const SMALL_SECTORS = 32;
const SMALL_SECTOR_BLOCKS = 4;
const LARGE_SECTOR_BLOCKS = 16;

/** Number of sectors of a card. */
export function sectorCount(size: ClassicSize): number {
  return SECTORS[size];
}

/** Number of blocks of a card (Mini 20, 1K 64, 4K 256). */
export function blockCount(size: ClassicSize): number {
  const sectors = sectorCount(size);
  return Math.min(sectors, SMALL_SECTORS) * SMALL_SECTOR_BLOCKS + Math.max(0, sectors - SMALL_SECTORS) * LARGE_SECTOR_BLOCKS;
}

/** Blocks in `sector` (4, or 16 for 4K sectors 32–39). */
export function blocksInSector(sector: number): number {
  return sector < SMALL_SECTORS ? SMALL_SECTOR_BLOCKS : LARGE_SECTOR_BLOCKS;
}

/** First block of `sector`. */
export function firstBlockOfSector(sector: number, size: ClassicSize = '4k'): number {
  checkSector(sector, size);
  return sector < SMALL_SECTORS ? sector * SMALL_SECTOR_BLOCKS : SMALL_SECTORS * SMALL_SECTOR_BLOCKS + (sector - SMALL_SECTORS) * LARGE_SECTOR_BLOCKS;
}

/** The sector trailer (last block) of `sector`. */
export function trailerBlockOfSector(sector: number, size: ClassicSize = '4k'): number {
  return firstBlockOfSector(sector, size) + blocksInSector(sector) - 1;
}

/** The sector `block` lies in. */
export function sectorOfBlock(block: number, size: ClassicSize = '4k'): number {
  checkBlock(block, size);
  const smallBlocks = SMALL_SECTORS * SMALL_SECTOR_BLOCKS;
  return block < smallBlocks ? Math.floor(block / SMALL_SECTOR_BLOCKS) : SMALL_SECTORS + Math.floor((block - smallBlocks) / LARGE_SECTOR_BLOCKS);
}

/** True for a sector trailer block. */
export function isTrailerBlock(block: number, size: ClassicSize = '4k'): boolean {
  return trailerBlockOfSector(sectorOfBlock(block, size), size) === block;
}

/** The index of `block` inside its sector's access conditions: 0–2 data groups, 3 trailer (16-block sectors group 5 blocks each). */
export function accessGroupOfBlock(block: number, size: ClassicSize = '4k'): 0 | 1 | 2 | 3 {
  const sector = sectorOfBlock(block, size);
  const index = block - firstBlockOfSector(sector, size);
  if (index === blocksInSector(sector) - 1) return 3;
  return (blocksInSector(sector) === SMALL_SECTOR_BLOCKS ? index : Math.floor(index / 5)) as 0 | 1 | 2;
}

function checkSector(sector: number, size: ClassicSize): void {
  if (!Number.isInteger(sector) || sector < 0 || sector >= sectorCount(size)) {
    throw InvalidArgumentError.expected('sector', `a sector number from 0 to ${sectorCount(size) - 1}`, sector);
  }
}

function checkBlock(block: number, size: ClassicSize): void {
  if (!Number.isInteger(block) || block < 0 || block >= blockCount(size)) {
    throw InvalidArgumentError.expected('block', `a block number from 0 to ${blockCount(size) - 1}`, block);
  }
}
