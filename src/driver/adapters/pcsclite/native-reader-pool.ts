import type { NativeCardReader, PcscliteAddon } from './native-types';
import { StatusThreadCloser } from './status-thread-closer';

/**
 * `pcsclite` 1.0.x aborts the process when it garbage-collects a CardReader that never ran
 * get_status: its destructor joins an uninitialised thread id. Starting the status thread and closing it
 * after its first report leaves that id cleared, so the object can be collected safely. Objects are reused
 * per reader name because each one holds its own PC/SC context.
 */
const MAX_RETIRED = 64;

export class NativeReaderPool {
  private readonly idle = new Map<string, NativeCardReader[]>();
  private readonly retired: NativeCardReader[] = [];

  constructor(private readonly addon: PcscliteAddon) {}

  async acquire(readerName: string): Promise<NativeCardReader> {
    return this.idle.get(readerName)?.pop() ?? this.create(readerName);
  }

  /** A new object, never pooled: its context is established now (others may predate a pcscd restart). */
  acquireNew(readerName: string): Promise<NativeCardReader> {
    return this.create(readerName);
  }

  release(readerName: string, reader: NativeCardReader): void {
    let list = this.idle.get(readerName);
    if (!list) {
      list = [];
      this.idle.set(readerName, list);
    }
    list.push(reader);
  }

  /** Takes an object whose own PC/SC context died (pcscd restarted) out of circulation. */
  retire(reader: NativeCardReader): void {
    this.retired.push(reader);
    if (this.retired.length > MAX_RETIRED) this.retired.shift();
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
