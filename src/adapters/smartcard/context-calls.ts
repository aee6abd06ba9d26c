/**
 * Orders the `smartcard` addon's calls on one PC/SC context so that none can block the event loop.
 *
 * pcsc-lite holds a context's mutex for the whole of every call on it. The addon runs some calls on
 * the thread pool (transmit, control, connect, reconnect, get-status-change) and others on the main
 * thread (list readers, status, disconnect, release). A main-thread call made while a thread-pool call
 * on the same context is running blocks the event loop until that call ends: forever when the call
 * needs the event loop itself (a card served from this process) or is a SCardGetStatusChange INFINITE.
 * So main-thread calls wait, without blocking, until nothing runs on the pool, and pool calls that
 * arrive meanwhile queue behind them.
 *
 * SCardCancel only interrupts a SCardGetStatusChange that has already begun; one still queued for the
 * pool would miss it. cancelWaits() therefore repeats the native cancel until every wait that was
 * outstanding when it was called has ended.
 */
const CANCEL_REPEAT_MS = 10;

interface OutstandingWait {
  cancelled: boolean;
  readonly ended: Promise<void>;
}

export class ContextCalls {
  /**
   * `oneAtATime`: thread-pool calls wait for each other too. For a card's own context: libpcsclite
   * waits for a busy context while holding its library-wide lock, so a second call behind one that
   * never returns (a mute card) would stall every context of the process.
   */
  constructor(private readonly oneAtATime = false) {}

  private running = 0;
  private queuedForeground = 0;
  private foregroundTail: Promise<unknown> = Promise.resolve();
  private readonly idleWaiters = new Set<() => void>();
  private readonly foregroundDoneWaiters = new Set<() => void>();
  private readonly waits = new Set<OutstandingWait>();

  /** True while a thread-pool call runs on the context (a main-thread call would wait for it). */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Runs a thread-pool call. */
  async background<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      if (this.queuedForeground > 0) await new Promise<void>((wake) => this.foregroundDoneWaiters.add(wake));
      else if (this.oneAtATime && this.running > 0) await new Promise<void>((wake) => this.idleWaiters.add(wake));
      else break;
    }
    this.running++;
    try {
      return await call();
    } finally {
      this.running--;
      if (this.running === 0) wakeAll(this.idleWaiters);
    }
  }

  /** Runs a main-thread call once no thread-pool call is running on the context. */
  foreground<T>(call: () => T): Promise<T> {
    this.queuedForeground++;
    const result = this.foregroundTail.then(async () => {
      while (this.running > 0) await new Promise<void>((wake) => this.idleWaiters.add(wake));
      return call();
    });
    this.foregroundTail = result.catch(() => undefined);
    return result.finally(() => {
      this.queuedForeground--;
      if (this.queuedForeground === 0) wakeAll(this.foregroundDoneWaiters);
    });
  }

  /** Resolves true once no thread-pool call runs, or false if one still runs after `ms`. */
  idleWithin(ms: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters.delete(wake);
        resolve(false);
      }, ms);
      this.idleWaiters.add(wake);
    });
  }

  /** A get-status-change: a thread-pool call that cancelWaits() can end; `cancelled` tells whether it did. */
  async wait<T>(call: () => Promise<T>): Promise<{ readonly cancelled: boolean; readonly value: T }> {
    let end = (): void => undefined;
    const wait: OutstandingWait = { cancelled: false, ended: new Promise<void>((resolve) => (end = resolve)) };
    this.waits.add(wait);
    try {
      const value = await this.background(call);
      return { cancelled: wait.cancelled, value };
    } finally {
      this.waits.delete(wait);
      end();
    }
  }

  /** Ends every wait outstanding now, calling `nativeCancel` until each has ended. */
  async cancelWaits(nativeCancel: () => void): Promise<void> {
    const targets = [...this.waits];
    if (targets.length === 0) return;
    for (const wait of targets) wait.cancelled = true;
    let allEnded = false;
    const ended = Promise.all(targets.map((wait) => wait.ended)).then(() => {
      allEnded = true;
    });
    while (!allEnded) {
      try {
        nativeCancel();
      } catch {
        // The context died (service gone): the waits end with that error by themselves.
      }
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, CANCEL_REPEAT_MS))]);
    }
  }
}

function wakeAll(waiters: Set<() => void>): void {
  const woken = [...waiters];
  waiters.clear();
  for (const wake of woken) wake();
}
