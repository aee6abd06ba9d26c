import { SCARD_STATE_CHANGED } from '../../driver/scard-constants';
import type { PcscliteAddon } from './native-types';
import { StatusThreadCloser } from './status-thread-closer';

export interface ObservedState {
  readonly eventState: number;
  readonly atr: Uint8Array;
}

/**
 * Follows one reader's state through a `pcsclite` status thread (SCardGetStatusChange INFINITE
 * in its own context). `pcsclite` has no SCardGetStatusChange call of its own, so this is the
 * adapter's source for getStatusChange.
 */
export class ReaderWatch {
  private closer: StatusThreadCloser | undefined;
  private latest: ObservedState | undefined;
  private ended = false;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly addon: PcscliteAddon,
    readonly readerName: string,
  ) {}

  get state(): ObservedState | undefined {
    return this.latest;
  }

  /** True once the status thread stopped (reader gone or service lost). */
  get isEnded(): boolean {
    return this.ended;
  }

  start(): void {
    if (this.closer) return;
    const native = new this.addon.CardReader(this.readerName);
    const closer = new StatusThreadCloser(() => native.close());
    this.closer = closer;
    native.get_status((error, state, atr) => {
      closer.noteReport();
      if (this.stopped) return;
      if (error || state === undefined) {
        this.ended = true;
      } else {
        this.latest = { eventState: state & ~SCARD_STATE_CHANGED, atr: atr ? Uint8Array.from(atr) : new Uint8Array(0) };
      }
      this.notify();
    });
  }

  /** Calls `listener` after every state report; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    if (!this.closer || this.stopped) return;
    this.stopped = true;
    this.closer.request();
    if (this.ended) return;
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
