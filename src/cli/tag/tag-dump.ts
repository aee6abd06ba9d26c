import { formatHex } from '../../apdu/hex';
import { MifareClassic, type ClassicKey } from '../../nfc/mifare/mifare-classic';
import { blocksInSector, firstBlockOfSector, sectorCount } from '../../nfc/mifare/classic-layout';
import type { NfcTag } from '../../nfc/nfc-tag';
import { NfcError } from '../../nfc/nfc-errors';
import { readType2Ndef } from '../../nfc/type2/type2-ndef';

/** One line of a dump: an address and its bytes, or why they could not be read. */
export interface DumpLine {
  /** 'page 4', 'block 8'. */
  readonly address: string;
  /** The bytes as hex, when read. */
  readonly bytes?: string;
  /** Why not, when not. */
  readonly error?: string;
}

/** Type 2: every page up to the end of the data area the CC announces (16 pages without a CC). */
export async function dumpType2(tag: NfcTag): Promise<DumpLine[]> {
  let pages = 16;
  try {
    pages = 4 + (await readType2Ndef(tag)).cc.dataAreaSize / 4;
  } catch (error) {
    if (!(error instanceof NfcError)) throw error;
  }
  const lines: DumpLine[] = [];
  for (let page = 0; page < pages; page += 4) {
    const bytes = await tag.read(page, 16);
    for (let i = 0; i < 4 && page + i < pages; i += 1) lines.push({ address: `page ${page + i}`, bytes: formatHex(bytes.subarray(i * 4, i * 4 + 4)) });
  }
  return lines;
}

/** MIFARE Classic: each sector with `key`; a sector the key does not open is reported, not fatal. */
export async function dumpClassic(tag: NfcTag, key: ClassicKey): Promise<DumpLine[]> {
  const classic = new MifareClassic(tag);
  const lines: DumpLine[] = [];
  for (let sector = 0; sector < sectorCount(classic.size); sector += 1) {
    const first = firstBlockOfSector(sector, classic.size);
    try {
      const bytes = await classic.readSector(sector, key);
      for (let i = 0; i < blocksInSector(sector); i += 1) lines.push({ address: `block ${first + i}`, bytes: formatHex(bytes.subarray(i * 16, i * 16 + 16)) });
    } catch (error) {
      if (!(error instanceof NfcError)) throw error;
      classic.forgetAuthentication();
      lines.push({ address: `sector ${sector}`, error: error.message });
    }
  }
  return lines;
}
