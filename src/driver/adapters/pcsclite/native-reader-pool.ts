import type { NativeCardReader, PcscliteAddon } from './native-types';

/**
 * `pcsclite` 1.0.x crashes the process when it garbage-collects a CardReader that never ran
 * get_status (its destructor joins an uninitialised thread id). So connection objects are never
 * let go: they are reused per reader name, and the ones whose context died stay referenced here.
 */
export class NativeReaderPool {
  private readonly idle = new Map<string, NativeCardReader[]>();
  private readonly retired: NativeCardReader[] = [];

  constructor(private readonly addon: PcscliteAddon) {}

  acquire(readerName: string): NativeCardReader {
    return this.idle.get(readerName)?.pop() ?? new this.addon.CardReader(readerName);
  }

  release(readerName: string, reader: NativeCardReader): void {
    let list = this.idle.get(readerName);
    if (!list) {
      list = [];
      this.idle.set(readerName, list);
    }
    list.push(reader);
  }

  /** Keeps an object whose PC/SC context is dead out of circulation (and out of the collector's reach). */
  retire(reader: NativeCardReader): void {
    this.retired.push(reader);
  }
}

const pools = new WeakMap<PcscliteAddon, NativeReaderPool>();

/** One pool per loaded addon, shared by every driver in the process. */
export function readerPoolFor(addon: PcscliteAddon): NativeReaderPool {
  let pool = pools.get(addon);
  if (!pool) {
    pool = new NativeReaderPool(addon);
    pools.set(addon, pool);
  }
  return pool;
}
