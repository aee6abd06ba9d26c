import { setTimeout as delay } from 'node:timers/promises';
import type { ContextId, PcscDriver, ReaderStateQuery, ReaderStateResult } from '../../driver/pcsc-driver';
import * as rc from '../../driver/return-codes';
import { SCARD_INFINITE, SCARD_STATE_CHANGED, SCARD_STATE_PRESENT, SCARD_STATE_UNAWARE } from '../../driver/scard-constants';

const DEFAULT_POLL_MS = 1000;
/** How often a cancel is repeated until the wait it aims at has ended (a cancel can come before the wait began). */
const CANCEL_REPEAT_MS = 10;

/**
 * Waits on the card presence of a set of readers with one SCardGetStatusChange in a context of its
 * own, and calls `onAbsent(reader)` whenever a reader shows no card (or is gone). Readers join with
 * the state their caller just saw; a wait in progress is cancelled so that the next one covers them.
 * Where the driver cannot cancel, each wait is bounded by `pollMs`.
 */
export class PresenceWatch {
  private readonly states = new Map<string, number>();
  private readonly stopper = new AbortController();
  private context: ContextId | undefined;
  private running: Promise<void> | undefined;
  /** Bumped whenever the set of readers changes; a wait built from an older one is out of date. */
  private generation = 0;
  private waitingFor: number | undefined;
  private interrupting = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly driver: PcscDriver,
    private readonly onAbsent: (reader: string) => void,
    private readonly pollMs = DEFAULT_POLL_MS,
  ) {}

  /** Watches `reader` from `state` on (what the caller saw when it connected; undefined: not known). */
  add(reader: string, state: number | undefined): void {
    if (this.stopper.signal.aborted) return;
    const seen = state === undefined ? SCARD_STATE_UNAWARE : state & ~SCARD_STATE_CHANGED;
    if (state !== undefined && !(seen & SCARD_STATE_PRESENT)) this.onAbsent(reader);
    // A reader watched already stays on the state the watch knows.
    if (this.states.has(reader)) return;
    this.states.set(reader, seen);
    this.readersChanged();
    this.running ??= this.loop();
  }

  /** Stops watching every reader not in `readers`. */
  keepOnly(readers: ReadonlySet<string>): void {
    for (const reader of [...this.states.keys()]) if (!readers.has(reader)) this.remove(reader);
  }

  private remove(reader: string): void {
    if (this.states.delete(reader)) this.readersChanged();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    this.readersChanged();
    await this.running;
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private readersChanged(): void {
    this.generation += 1;
    this.wake?.();
    void this.interrupt();
  }

  /** Cancels the wait in progress until it has ended, if it was built for an older set of readers. */
  private async interrupt(): Promise<void> {
    if (!this.driver.capabilities.cancel || this.interrupting) return;
    this.interrupting = true;
    try {
      while (this.context !== undefined && this.waitingFor !== undefined && this.waitingFor < this.generation) {
        await this.driver.cancel(this.context);
        await delay(CANCEL_REPEAT_MS);
      }
    } finally {
      this.interrupting = false;
    }
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped) {
        if (this.states.size === 0) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
          continue;
        }
        this.context ??= await this.establish();
        if (this.context === undefined) continue;
        await this.waitOnce(this.context);
      }
    } finally {
      const context = this.context;
      this.context = undefined;
      if (context !== undefined) await this.driver.releaseContext(context).catch(() => undefined);
    }
  }

  private async establish(): Promise<ContextId | undefined> {
    const outcome = await this.driver.establishContext();
    if (outcome.ok) return outcome.value;
    await this.pause(this.pollMs);
    return undefined;
  }

  private async waitOnce(context: ContextId): Promise<void> {
    const queries: ReaderStateQuery[] = [...this.states].map(([reader, currentState]) => ({ reader, currentState }));
    const timeout = this.driver.capabilities.cancel ? SCARD_INFINITE : this.pollMs;
    this.waitingFor = this.generation;
    const outcome = await this.driver.getStatusChange(context, queries, timeout);
    this.waitingFor = undefined;
    if (this.stopped) return;
    if (outcome.ok) {
      // An answer that tells nothing new must not be asked again at once.
      if (!this.note(outcome.value)) await this.pause(this.pollMs);
      return;
    }
    switch (outcome.rc) {
      case rc.SCARD_E_TIMEOUT:
      case rc.SCARD_E_CANCELLED:
        return;
      case rc.SCARD_E_UNKNOWN_READER:
      case rc.SCARD_E_READER_UNAVAILABLE:
        await this.findGoneReaders(context);
        return;
      default:
        // The context is of no more use (the service went away, most likely): start over with a new one.
        this.context = undefined;
        await this.driver.releaseContext(context).catch(() => undefined);
        await this.pause(this.pollMs);
    }
  }

  /** Records what the wait saw; true when some reader's state moved. */
  private note(results: readonly ReaderStateResult[]): boolean {
    let moved = false;
    for (const result of results) {
      const known = this.states.get(result.reader);
      if (known === undefined) continue;
      const state = result.eventState & ~SCARD_STATE_CHANGED;
      if (state !== known) moved = true;
      this.states.set(result.reader, state);
      if (!(state & SCARD_STATE_PRESENT)) this.onAbsent(result.reader);
    }
    return moved;
  }

  /** One of the readers is gone, and its card with it: ask each reader on its own to find which. */
  private async findGoneReaders(context: ContextId): Promise<void> {
    let found = false;
    for (const reader of [...this.states.keys()]) {
      const outcome = await this.driver.getStatusChange(context, [{ reader, currentState: SCARD_STATE_UNAWARE }], 0);
      if (outcome.ok || (outcome.rc !== rc.SCARD_E_UNKNOWN_READER && outcome.rc !== rc.SCARD_E_READER_UNAVAILABLE)) continue;
      found = true;
      this.onAbsent(reader);
      this.remove(reader);
    }
    if (!found) await this.pause(this.pollMs);
  }

  private pause(ms: number): Promise<void> {
    return delay(ms, undefined, { signal: this.stopper.signal }).catch(() => undefined);
  }
}
