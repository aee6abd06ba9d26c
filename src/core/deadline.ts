import { SCARD_E_TIMEOUT } from '../driver/return-codes';
import { errorFromCode } from '../errors/error-table';
import { abortReason } from './recovery/abort';

/** Limits of one call: a timeout in ms and an AbortSignal, both optional. */
export interface CallLimits {
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

/** Tells queued work whether its caller already gave up on it. */
export interface Deadline {
  readonly expired: boolean;
}

/** The deadline of a call without timeout or signal: it never expires, so one object serves all. */
export const NO_DEADLINE: Deadline = Object.freeze({ expired: false });

export function checkTimeout(timeout: unknown, what: string): void {
  if (timeout === undefined) return;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0) {
    throw new TypeError(`${what}: timeout must be a non-negative finite number of milliseconds.`);
  }
}

/**
 * Runs `work` and rejects with TimeoutError after `limits.timeout` ms, or with the abort reason
 * when `limits.signal` aborts. The work is not interrupted: it sees `deadline.expired` and its
 * late result is dropped.
 */
export function withDeadline<T>(call: string, limits: CallLimits, work: (deadline: Deadline) => Promise<T>): Promise<T> {
  const { timeout, signal } = limits;
  if (timeout === undefined && signal === undefined) return work(NO_DEADLINE);
  signal?.throwIfAborted();
  const state = { expired: false };
  const running = work(state);
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const settle = (finish: () => void): void => {
      if (state.expired) return;
      state.expired = true;
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const onAbort = (): void => settle(() => reject(abortReason(signal as AbortSignal)));
    if (timeout !== undefined) {
      timer = setTimeout(
        () => settle(() => reject(errorFromCode(SCARD_E_TIMEOUT, call, `No answer within ${timeout} ms.`))),
        timeout,
      );
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
