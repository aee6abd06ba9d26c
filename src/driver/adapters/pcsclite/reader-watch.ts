import { SCARD_STATE_CHANGED } from '../../scard-constants';
import type { NativeCardReader, PcscliteAddon } from './native-types';

interface ObservedState {
  readonly eventState: number;
  readonly atr: Uint8Array;
}

/**
 * Follows one reader's state through a `pcsclite` status thread (SCardGetStatusChange INFINITE
 * in its own context). `pcsclite` has no SCardGetStatusChange call of its own, so this is the
 * adapter's source for getStatusChange.
 */
export class ReaderWatch {
  private native: NativeCardReader | undefined;
  private latest: ObservedState | undefined;
  private ended = false;
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
    if (this.native) return;
    const native = new this.addon.CardReader(this.readerName);
    this.native = native;
    native.get_status((error, state, atr) => {
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
    if (!this.native || this.ended) return;
    this.ended = true;
    this.native.close();
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
