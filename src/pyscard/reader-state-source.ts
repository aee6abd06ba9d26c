import type { Pcsc } from '../compose/pcsc';
import type { ReaderInfo } from '../core/reader-info';
import { getPcsc } from './context';

/**
 * Where CardRequest and the monitors learn reader and card state. Today this polls the core's
 * listReaders(); an event-driven source (pcsc.on('card-inserted', ...)) can replace it by
 * resolving waitForChange() on the event instead of after the polling interval.
 */
export interface ReaderStateSource {
  /** The readers and their card state now. */
  snapshot(): Promise<ReaderInfo[]>;
  /** Resolves when the state may have changed: here, after the polling interval (at most `maxWaitMs`). */
  waitForChange(maxWaitMs: number, signal?: AbortSignal): Promise<void>;
}

/** How a PollingReaderStateSource polls. */
export interface PollingOptions {
  /** Milliseconds between polls (PySCard's CardRequest polls every 100 ms). */
  readonly intervalMs?: number;
  /** false for background monitors: their timers do not keep Node running (PySCard's daemon threads). */
  readonly keepAlive?: boolean;
  /** The Pcsc to poll; default the facade's shared one. */
  readonly pcsc?: () => Promise<Pcsc>;
}

/** A ReaderStateSource that polls the Pcsc's reader list. */
export class PollingReaderStateSource implements ReaderStateSource {
  private readonly intervalMs: number;
  private readonly keepAlive: boolean;
  private readonly pcsc: () => Promise<Pcsc>;

  constructor(options: PollingOptions = {}) {
    this.intervalMs = options.intervalMs ?? 100;
    this.keepAlive = options.keepAlive ?? true;
    this.pcsc = options.pcsc ?? getPcsc;
  }

  /** The Pcsc's readers now (listReaders). */
  async snapshot(): Promise<ReaderInfo[]> {
    return (await this.pcsc()).listReaders();
  }

  waitForChange(maxWaitMs: number, signal?: AbortSignal): Promise<void> {
    return sleep(Math.max(0, Math.min(maxWaitMs, this.intervalMs)), this.keepAlive, signal);
  }
}

function sleep(ms: number, keepAlive: boolean, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (!keepAlive) timer.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}
