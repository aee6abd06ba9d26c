import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where test/harness/install-nfc-pcsc.sh puts nfc-pcsc 0.8.1 (outside the package's dependencies). */
const DEFAULT_DIR = join(__dirname, '../../node_modules/.cache/nfc-pcsc-0.8.1/node_modules/nfc-pcsc');

/** The installed nfc-pcsc 0.8.1 (NFC_PCSC_DIR overrides); a clear error when it or its binding is missing. */
export function nfcPcscDirectory(): string {
  const dir = process.env.NFC_PCSC_DIR ?? DEFAULT_DIR;
  const binding = join(dir, '../@pokusew/pcsclite/build/Release/pcsclite.node');
  if (!existsSync(join(dir, 'dist/index.js')) || !existsSync(binding)) {
    throw new Error(`nfc-pcsc 0.8.1 with a built @pokusew/pcsclite is needed at ${dir}: run bash test/harness/install-nfc-pcsc.sh (or set NFC_PCSC_DIR)`);
  }
  return dir;
}
