import { SerialQueue } from '../../driver/serial-queue';
import type { ContextLink } from './context-socket';
import type { NativeHandle } from './native-calls';

/**
 * How long a call that ends something (disconnect, release) waits for a call ahead of it. Past it
 * that call is given up: a card that never answers must not keep a connection or a context open.
 */
export const SETTLING_BOUND_MS = 3000;

/** Whose calls these are (a connection, or the context itself): a connection's calls are given up together. */
export type LaneOwner = object;

interface RunningCall {
  readonly owner: LaneOwner;
  readonly giveUp: (error: Error) => void;
}

/**
 * One native PC/SC context and the calls made on it, one at a time. libpcsclite runs a context's
 * calls one at a time itself, but it waits for a busy context while holding its library-wide lock:
 * a second call on a context whose call never returns (a mute card) would stall every context of
 * the process. So calls never overlap here, and a call that does not return can only be given up:
 * its caller gets an error at once while the native call goes on in its pool thread; the calls
 * that end things still run, in order, once it returns.
 */
export class ContextLane {
  private readonly queue = new SerialQueue();
  private readonly givenUp = new Map<LaneOwner, Error>();
  private running: RunningCall | undefined;
  /** Calls queued and not begun. */
  private readonly waiting = new Set<RunningCall>();
  private stuckCall = false;

  /**
   * `link`, when the platform gives one, is cut once a call is given up: the stuck native call then
   * returns (SCARD_E_NO_SERVICE), the calls queued behind it run, and no thread stays blocked.
   */
  constructor(
    readonly native: NativeHandle,
    private readonly boundMs: number = SETTLING_BOUND_MS,
    private readonly link?: ContextLink,
  ) {}

  /** A stuck call on this native context can be ended by cutting the context's connection. */
  get cuttable(): boolean {
    return this.link !== undefined;
  }

  /** A call is running or queued. */
  get busy(): boolean {
    return !this.queue.idle;
  }

  /** A call that was given up has not returned yet: everything queued waits for it. */
  get stuck(): boolean {
    return this.stuckCall;
  }

  /** Runs `call` after the calls queued before it; rejects with the owner's error once the owner was given up. */
  run<T>(owner: LaneOwner, call: (native: NativeHandle) => Promise<T>): Promise<T> {
    const early = this.givenUp.get(owner);
    if (early) return Promise.reject(early);
    return new Promise<T>((resolve, reject) => {
      const waiting = { owner, giveUp: reject };
      this.waiting.add(waiting);
      void this.queue.run(async () => {
        this.waiting.delete(waiting);
        const given = this.givenUp.get(owner);
        if (given) {
          reject(given);
          return;
        }
        this.running = waiting;
        try {
          resolve(await call(this.native));
        } catch (error) {
          reject(error);
        } finally {
          this.running = undefined;
          this.stuckCall = false;
        }
      });
    });
  }

  /**
   * Queues a call that ends something and waits for it up to the bound (not at all on a stuck
   * lane; the call itself may be what hangs, e.g. a disconnect that resets a mute card). Past the bound the calls of `owners` are given up with `error` and this resolves
   * undefined; the call itself stays queued and runs when the stuck call returns.
   */
  settle(owners: readonly LaneOwner[], call: (native: NativeHandle) => Promise<number>, error: Error): Promise<number | undefined> {
    const done = this.queue
      .run(() => call(this.native))
      .finally(() => {
        this.stuckCall = false;
        for (const owner of owners) this.givenUp.delete(owner);
      });
    const giveUp = (): undefined => {
      // Whatever holds the lane (a given-up call, or this one) may never return.
      this.stuckCall = true;
      for (const owner of owners) this.giveUp(owner, error);
      this.link?.cut();
      return undefined;
    };
    if (this.stuckCall) {
      giveUp();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        giveUp();
        resolve(undefined);
      }, this.boundMs);
      void done.then((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** The owner's running call (its native call goes on) and queued calls reject with `error` now. */
  private giveUp(owner: LaneOwner, error: Error): void {
    this.givenUp.set(owner, error);
    if (this.running?.owner === owner) this.running.giveUp(error);
    for (const call of this.waiting) if (call.owner === owner) call.giveUp(error);
  }
}
