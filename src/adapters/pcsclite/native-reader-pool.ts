import { collectNativeGarbage } from '../native-garbage';
import type { NativeCardReader, PcscliteAddon } from './native-types';
import { StatusThreadCloser } from './status-thread-closer';

/**
 * `pcsclite` 1.0.x aborts the process when it garbage-collects a CardReader that never ran
 * get_status: its destructor joins an uninitialised thread id. Starting the status thread and closing it
 * after its first report leaves that id cleared, so the object can be collected safely.
 *
 * Each object holds a PC/SC context of its own from its first connect until it is collected. Objects
 * that connected are reused per reader name (a few per name); any other (a failed connect, an unknown
 * name, a context that died with pcscd) is dropped at once, and drain() drops the idle ones.
 */
const MAX_IDLE_PER_READER = 2;

export class NativeReaderPool {
  private readonly idle = new Map<string, NativeCardReader[]>();

  constructor(private readonly addon: PcscliteAddon) {}

  async acquire(readerName: string): Promise<NativeCardReader> {
    return this.idle.get(readerName)?.pop() ?? this.create(readerName);
  }

  /** A new object, never pooled: its context is established now (others may predate a pcscd restart). */
  acquireNew(readerName: string): Promise<NativeCardReader> {
    return this.create(readerName);
  }

  /** Returns an object whose connection ended normally; it is kept for the next connect to the same reader. */
  release(readerName: string, reader: NativeCardReader): void {
    let list = this.idle.get(readerName);
    if (!list) {
      list = [];
      this.idle.set(readerName, list);
    }
    if (list.length < MAX_IDLE_PER_READER) list.push(reader);
    else collectNativeGarbage();
  }

  /** Drops an object that must not be reused (its connect failed, or its context died). */
  discard(): void {
    collectNativeGarbage();
  }

  /** Drops every idle object, releasing their contexts where the collector can be asked to run. */
  drain(): void {
    if (this.idle.size === 0) return;
    this.idle.clear();
    collectNativeGarbage();
  }

  /** Runs the status thread once so that the object's thread id is set, then closes it (see StatusThreadCloser). */
  private create(readerName: string): Promise<NativeCardReader> {
    const reader = new this.addon.CardReader(readerName);
    return new Promise((resolve) => {
      const closer = new StatusThreadCloser(() => {
        reader.close();
        resolve(reader);
      });
      closer.request();
      reader.once('_end', () => closer.noteReport());
      reader.get_status(() => closer.noteReport());
    });
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
