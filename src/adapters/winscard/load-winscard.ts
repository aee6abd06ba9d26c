import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { bindLibrary, type BoundLibrary } from './bind-library';
import { loadKoffi } from './load-koffi';
import { tableForPlatform } from './table-for-platform';

/** Names the PC/SC library file when no `library` option is given (e.g. a pcsc-lite built elsewhere). */
export const LIBRARY_ENV = 'RESILIENT_PCSC_WINSCARD_LIBRARY';

const opened = new Map<string, BoundLibrary>();

/**
 * The system PC/SC library of this platform through koffi, opened once per file. The file is
 * `library`, else $RESILIENT_PCSC_WINSCARD_LIBRARY, else the platform's own (libpcsclite.so.1,
 * PCSC.framework, winscard.dll). Throws DriverUnavailableError when koffi or the library is missing.
 */
export function loadWinscard(library?: string): BoundLibrary {
  const table = tableForPlatform();
  const file = realLibraryBeside(library ?? (process.env[LIBRARY_ENV] || table.defaultLibrary));
  let bound = opened.get(file);
  if (!bound) {
    bound = bindLibrary(loadKoffi(), table, file);
    opened.set(file, bound);
  }
  return bound;
}

/** pcsc-lite 2.x's file that does the work; its libpcsclite.so.1 is a loader that looks it up by name. */
const PCSC_LITE_REAL = 'libpcsclite_real.so.1';

/**
 * A libpcsclite.so.1 named by path with libpcsclite_real.so.1 beside it is pcsc-lite 2.x's loader,
 * which would open the real library through the search path (so a build outside it answers every
 * call with SCARD_F_INTERNAL_ERROR): the real library beside it is opened instead.
 */
export function realLibraryBeside(file: string): string {
  if (!file.includes('/') || !basename(file).startsWith('libpcsclite.so')) return file;
  const real = join(dirname(file), PCSC_LITE_REAL);
  return existsSync(real) ? real : file;
}
