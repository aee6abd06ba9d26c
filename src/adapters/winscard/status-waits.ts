import { isServiceLoss } from '../../errors/code-kinds';
import * as rc from '../../driver/return-codes';
import { type Outcome, type ReaderStateQuery, type ReaderStateResult, fail } from '../../driver/pcsc-driver';
import { SCARD_INFINITE } from '../../driver/scard-constants';
import type { NativeCalls, NativeHandle } from './native-calls';
import { STATUS_WAIT_SLOTS, type PoolSlots } from './pool-slots';

/** The longest one SCardGetStatusChange may hold a pool thread; a longer wait is a row of these. */
export const WAIT_SLICE_MS = 250;
/** How often SCardCancel is repeated while a cancelled slice is still running (it may not have begun). */
const CANCEL_REPEAT_MS = 10;

interface PendingWait {
  cancelled: boolean;
  /** The pool slot this wait is queued for, until it is granted. */
  queuedFor: { release(): void } | undefined;
  readonly ended: Promise<void>;
}

/**
 * Status-change waits of one application context, run in a PC/SC context of their own: a wait holds
 * its context's lock for its whole length in pcsc-lite, so sharing one would stall every transmit.
 *
 * A wait is cut into slices of at most WAIT_SLICE_MS, each a SCardGetStatusChange with the same
 * current states, so no wait occupies a pool thread for long and at most STATUS_WAIT_SLOTS waits run
 * at once. Cancelling marks the wait (checked between slices) and calls SCardCancel until the running
 * slice has ended: SCardCancel only interrupts a wait that has already begun.
 */
/** The calls StatusWaits makes. */
export type WaitCalls = Pick<NativeCalls, 'establishContext' | 'releaseContext' | 'cancel' | 'getStatusChange'>;

export class StatusWaits {
  private context: Promise<Outcome<NativeHandle>> | undefined;
  private readonly pending = new Set<PendingWait>();
  private closed = false;

  constructor(
    private readonly calls: WaitCalls,
    private readonly slots: PoolSlots = STATUS_WAIT_SLOTS,
  ) {}

  /**
   * `firstPoll`, when given, runs first (registered as this wait, so a cancel meanwhile is not
   * lost); any answer but SCARD_E_TIMEOUT is the wait's answer.
   */
  async wait(
    queries: readonly ReaderStateQuery[],
    timeoutMs: number,
    firstPoll?: () => Promise<Outcome<readonly ReaderStateResult[]>>,
  ): Promise<Outcome<readonly ReaderStateResult[]>> {
    let end = (): void => undefined;
    const wait: PendingWait = { cancelled: false, queuedFor: undefined, ended: new Promise((resolve) => (end = resolve)) };
    this.pending.add(wait);
    try {
      if (firstPoll) {
        const first = await firstPoll();
        if (wait.cancelled || this.closed) return fail(rc.SCARD_E_CANCELLED);
        if (first.ok || first.rc !== rc.SCARD_E_TIMEOUT) return first;
      }
      return await this.slices(wait, queries, timeoutMs);
    } finally {
      this.pending.delete(wait);
      end();
    }
  }

  /** Ends every pending wait with SCARD_E_CANCELLED; resolves once they have ended. */
  async cancel(): Promise<void> {
    const targets = [...this.pending];
    if (targets.length === 0) return;
    for (const wait of targets) {
      wait.cancelled = true;
      wait.queuedFor?.release();
    }
    let allEnded = false;
    const ended = Promise.all(targets.map((wait) => wait.ended)).then(() => {
      allEnded = true;
    });
    const context = await this.context;
    while (!allEnded) {
      if (context?.ok) await this.calls.cancel(context.value);
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, CANCEL_REPEAT_MS))]);
    }
  }

  /** Cancels the waits and releases the context they ran in. */
  async close(): Promise<void> {
    this.closed = true;
    await this.cancel();
    await this.forgetContext();
  }

  private async slices(wait: PendingWait, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const deadline = timeoutMs >= SCARD_INFINITE ? Infinity : Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      if (wait.cancelled || this.closed) return fail(rc.SCARD_E_CANCELLED);
      const context = await this.ensureContext();
      if (!context.ok) return context;
      const slot = this.slots.request();
      wait.queuedFor = slot;
      const granted = await slot.granted;
      wait.queuedFor = undefined;
      if (!granted || wait.cancelled) {
        slot.release();
        return fail(rc.SCARD_E_CANCELLED);
      }
      const slice = Math.min(WAIT_SLICE_MS, Math.max(0, deadline - Date.now()));
      let outcome: Outcome<readonly ReaderStateResult[]>;
      try {
        outcome = await this.calls.getStatusChange(context.value, queries, slice);
      } finally {
        slot.release();
      }
      if (outcome.ok) return outcome;
      if (wait.cancelled) return fail(rc.SCARD_E_CANCELLED);
      if (isServiceLoss(outcome.rc)) await this.forgetContext();
      if (outcome.rc !== rc.SCARD_E_TIMEOUT || Date.now() >= deadline) return outcome;
    }
  }

  private ensureContext(): Promise<Outcome<NativeHandle>> {
    let context = this.context;
    if (!context) {
      context = this.calls.establishContext();
      this.context = context;
      void context.then((established) => {
        if (!established.ok && this.context === context) this.context = undefined;
      });
    }
    return context;
  }

  private async forgetContext(): Promise<void> {
    const context = await this.context;
    this.context = undefined;
    if (context?.ok) await this.calls.releaseContext(context.value);
  }
}
