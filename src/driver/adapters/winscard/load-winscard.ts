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
  const file = library ?? (process.env[LIBRARY_ENV] || table.defaultLibrary);
  let bound = opened.get(file);
  if (!bound) {
    bound = bindLibrary(loadKoffi(), table, file);
    opened.set(file, bound);
  }
  return bound;
}
