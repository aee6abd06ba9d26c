import type { NativeCardReader, PcscliteAddon } from './native-types';

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

  /**
   * The status thread must report once (or end) before close(), or the addon never releases its
   * libuv handle and the process cannot exit. The addon calls back with a mutex held that close()
   * takes too, hence the setImmediate.
   */
  private create(readerName: string): Promise<NativeCardReader> {
    const reader = new this.addon.CardReader(readerName);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (): void => {
        if (settled) return;
        settled = true;
        setImmediate(() => {
          reader.close();
          resolve(reader);
        });
      };
      reader.once('_end', settle);
      reader.get_status(settle);
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
