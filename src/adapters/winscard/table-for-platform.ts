import { DARWIN_TABLE } from './darwin-table';
import { PCSC_LITE_TABLE } from './pcsc-lite-table';
import type { WinscardTable } from './platform-table';
import { WIN32_TABLE } from './win32-table';

/** The type table of the PC/SC library on `platform`; pcsc-lite's for Linux and every other Unix. */
export function tableForPlatform(platform: NodeJS.Platform = process.platform): WinscardTable {
  if (platform === 'darwin') return DARWIN_TABLE;
  if (platform === 'win32') return WIN32_TABLE;
  return PCSC_LITE_TABLE;
}
