import { formatHex } from '../apdu/hex';
import type { Pcsc } from '../compose/pcsc';
import { EventEmitter } from 'eventemitter3';
import type { ReaderInfo } from '../core/reader-info';
import { NfcTag } from './nfc-tag';
import { identifyTag, type TagIdentity, type TagKind } from './tag-kind';

/** One tag presented to a reader. */
export interface TagEvent {
  /** The reader's name. */
  readonly reader: string;
  /** The ATR the reader built for the tag. */
  readonly atr: Uint8Array;
  /** The kind, from the ATR. */
  readonly kind: TagKind;
  /** A readable name of the kind. */
  readonly name: string;
  /** The UID (undefined when `readUid` is false or the reader could not tell). */
  readonly uid: Uint8Array | undefined;
  /** The UID as upper-case hex without spaces, e.g. '04A1B2C3D4E5F6'. */
  readonly uidHex: string | undefined;
  /** Why the UID is missing, when asking for it failed. */
  readonly uidError: Error | undefined;
}

/** Events of a TagWatcher. */
export interface TagWatcherEvents {
  /** A tag was presented. */
  tag: (event: TagEvent) => void;
  /** The tag left the reader. */
  'tag-removed': (event: { readonly reader: string }) => void;
  /** A failure no call could report. */
  error: (error: Error) => void;
}

/** Options of watchTags. */
export interface WatchTagsOptions {
  /**
   * Ask the reader for the UID (`FF CA 00 00 00`, answered by the reader from its anticollision
   * data) before the event. Default true; false sends nothing at all.
   */
  readonly readUid?: boolean;
  /** Only readers whose name passes this test. */
  readonly readers?: (name: string) => boolean;
}

/**
 * Emits `{ reader, atr, kind, uid }` for each tag presented, from the Pcsc's card events. Nothing
 * but the reader's GET DATA (UID) is sent — never a SELECT — and that only with `readUid`.
 */
export class TagWatcher extends EventEmitter<TagWatcherEvents> {
  private readonly onInserted = (reader: ReaderInfo): void => {
    const key = presenceKey(reader);
    if (!reader.atr || this.present.get(reader.name) === key) return;
    this.present.set(reader.name, key);
    void this.arrived(reader);
  };
  private readonly onRemoved = (reader: ReaderInfo): void => {
    this.present.delete(reader.name);
    if (this.accepts(reader.name)) this.emit('tag-removed', { reader: reader.name });
  };
  /** Reader → the insertion already reported (ATR and event counter), so one tag gives one event. */
  private readonly present = new Map<string, string>();
  private readonly stopper = new AbortController();
  private scanned = false;
  private stopped = false;

  constructor(
    /** The Pcsc whose events are watched (its monitor is started). */
    readonly pcsc: Pcsc,
    private readonly options: WatchTagsOptions = {},
  ) {
    super();
    pcsc.on('card-inserted', this.onInserted);
    pcsc.on('card-removed', this.onRemoved);
    pcsc.monitor();
    // The monitor's first look reports no event for tags already there; waitForCard sees them
    // once that look is done, and a scan then reports them.
    pcsc.waitForCard({ atr: () => this.scanPresent(), signal: this.stopper.signal }).catch(() => undefined);
  }

  private scanPresent(): false {
    if (!this.scanned) {
      this.scanned = true;
      this.pcsc.listReaders().then(
        (readers) => readers.forEach((reader) => this.onInserted(reader)),
        (error: unknown) => this.emit('error', error as Error),
      );
    }
    return false;
  }

  /** Stops watching (the Pcsc stays open). */
  stop(): void {
    this.stopped = true;
    this.stopper.abort();
    this.pcsc.off('card-inserted', this.onInserted);
    this.pcsc.off('card-removed', this.onRemoved);
  }

  /** The tags as an async iterator; ends when `signal` aborts or `stop()` is called via `return()`. */
  async *tags(given: { readonly signal?: AbortSignal } = {}): AsyncIterableIterator<TagEvent> {
    const queue: TagEvent[] = [];
    let wake: (() => void) | undefined;
    const push = (event: TagEvent): void => {
      queue.push(event);
      wake?.();
    };
    const abort = (): void => wake?.();
    this.on('tag', push);
    given.signal?.addEventListener('abort', abort);
    try {
      while (!given.signal?.aborted && !this.stopped) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      this.off('tag', push);
      given.signal?.removeEventListener('abort', abort);
    }
  }

  private accepts(name: string): boolean {
    return !this.stopped && (this.options.readers?.(name) ?? true);
  }

  private async arrived(reader: ReaderInfo): Promise<void> {
    if (!this.accepts(reader.name) || !reader.atr) return;
    const atr = reader.atr;
    let uid: Uint8Array | undefined;
    let uidError: Error | undefined;
    let identity: TagIdentity;
    try {
      identity = identifyTag(atr);
    } catch (error) {
      this.emit('error', error as Error);
      return;
    }
    if (this.options.readUid !== false) {
      try {
        uid = await this.readUid(reader.name, atr);
      } catch (error) {
        uidError = error as Error;
      }
    }
    if (this.stopped) return;
    this.emit('tag', { reader: reader.name, atr, kind: identity.kind, name: identity.name, uid, uidHex: uid ? formatHex(uid, '') : undefined, uidError });
  }

  private async readUid(reader: string, atr: Uint8Array): Promise<Uint8Array> {
    const card = await this.pcsc.connect(reader, { share: 'shared' });
    try {
      return await new NfcTag(card, atr).uid();
    } finally {
      // The event need not wait for the disconnect.
      void card.disconnect('leave').catch(() => undefined);
    }
  }
}

function presenceKey(reader: ReaderInfo): string {
  return `${reader.atr ? formatHex(reader.atr, '') : ''}:${reader.eventState >>> 16}`;
}

/** Starts watching tags on a Pcsc: `watchTags(pcsc).on('tag', ({ kind, uidHex }) => …)`. */
export function watchTags(pcsc: Pcsc, options?: WatchTagsOptions): TagWatcher {
  return new TagWatcher(pcsc, options);
}
