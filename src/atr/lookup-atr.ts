import { formatHex } from '../apdu/hex';
import { type AtrInput, atrBytes } from './atr-input';
import { type CompiledAtrListEntry, parseSmartcardList } from './smartcard-list';

/** Where pcsc-tools installs its ATR list. */
export const DEFAULT_ATR_LIST_PATH = '/usr/share/pcsc/smartcard_list.txt';

/** Where `lookupAtr` reads the ATR list. */
export interface LookupAtrOptions {
  /** A file in smartcard_list.txt format; default DEFAULT_ATR_LIST_PATH. */
  readonly listPath?: string;
}

/** A list entry whose pattern matches the ATR. */
export interface AtrMatch {
  /** The list entry's ATR pattern as written in the file. */
  readonly pattern: string;
  /** The entry's description lines (card name, issuer, ...). */
  readonly descriptions: readonly string[];
}

const cache = new Map<string, Promise<readonly CompiledAtrListEntry[] | undefined>>();

/**
 * The entries of the ATR list that match `atr`, in file order; [] when nothing matches or the
 * list file does not exist. The file is read and parsed once per path.
 */
export async function lookupAtr(atr: AtrInput, options: LookupAtrOptions = {}): Promise<AtrMatch[]> {
  const text = formatHex(atrBytes(atr));
  const entries = await loadList(options.listPath ?? DEFAULT_ATR_LIST_PATH);
  if (entries === undefined) return [];
  return entries.filter((entry) => entry.regex?.test(text) === true).map(({ pattern, descriptions }) => ({ pattern, descriptions }));
}

/** Forgets the parsed lists, e.g. after the file was updated. */
export function clearAtrListCache(): void {
  cache.clear();
}

function loadList(path: string): Promise<readonly CompiledAtrListEntry[] | undefined> {
  let pending = cache.get(path);
  if (pending === undefined) {
    pending = readList(path);
    cache.set(path, pending);
    // A missing file may be installed later, and a failed read should be retried.
    pending.then(
      (entries) => entries === undefined && cache.delete(path),
      () => cache.delete(path),
    );
  }
  return pending;
}

async function readList(path: string): Promise<readonly CompiledAtrListEntry[] | undefined> {
  try {
    // Loaded here: node:fs/promises brings readline and the file watchers, which importing the
    // library would otherwise pay for whether or not it ever looks an ATR up.
    const { readFile } = await import('node:fs/promises');
    return parseSmartcardList(await readFile(path, 'utf8'));
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
