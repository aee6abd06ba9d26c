import type { Card } from '../core/card';

type Job = () => Promise<void>;

/**
 * An SCardBeginTransaction that stays open across calls, as PySCard's lock() / unlock() hold it.
 * The core only offers `card.transaction(body)`, which holds back every call made outside `body`;
 * so the body stays running until end(), and the connection's calls are run from inside it.
 */
export class TransactionHold {
  private readonly jobs: Job[] = [];
  private wake: (() => void) | undefined;
  private ending = false;
  /** lock() calls not yet matched by unlock() (pcsc-lite counts nested transactions of a handle too). */
  private depth = 1;

  private constructor(private readonly finished: Promise<void>) {}

  /** Resolves once SCardBeginTransaction succeeded; rejects with the core's error when it did not. */
  static async begin(card: Card): Promise<TransactionHold> {
    let began!: () => void;
    const started = new Promise<void>((resolve) => (began = resolve));
    // eslint-disable-next-line prefer-const -- assigned after the transaction's body (which reads it) is created
    let hold!: TransactionHold;
    const finished = card.transaction(async () => {
      began();
      await hold.serve();
    });
    hold = new TransactionHold(finished);
    await Promise.race([started, finished]);
    return hold;
  }

  /** Another lock() on the same connection: one more unlock() is needed before the transaction ends. */
  nest(): void {
    this.depth += 1;
  }

  /** Runs `work` inside the transaction, so the transaction does not hold it back. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => Promise.resolve().then(work).then(resolve, reject));
      this.wake?.();
    });
  }

  /**
   * One unlock(): true when it ended the transaction (SCardEndTransaction ran; it rejects with the
   * core's error when that failed), false while outer lock() calls still hold it.
   */
  async end(): Promise<boolean> {
    this.depth -= 1;
    if (this.depth > 0) return false;
    this.ending = true;
    this.wake?.();
    await this.finished;
    return true;
  }

  /** Ends the transaction without asking how: for a handle that is gone, which ended it already. */
  abandon(): void {
    this.depth = 0;
    this.ending = true;
    this.wake?.();
    this.finished.catch(() => undefined);
  }

  private async serve(): Promise<void> {
    for (;;) {
      const job = this.jobs.shift();
      if (job) {
        await job();
        continue;
      }
      if (this.ending) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
