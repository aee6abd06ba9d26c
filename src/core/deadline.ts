import { SCARD_E_TIMEOUT } from '../driver/return-codes';
import { errorFromCode } from '../errors/error-table';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
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

/** Node's timers hold at most 2^31 - 1 ms; a longer delay would fire at once. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * The one rule for every `timeout` the library takes: undefined and Infinity mean no limit
 * (undefined is returned), a non-negative number is that many ms, anything else is an
 * InvalidArgumentError.
 */
export function checkTimeout(timeout: unknown, call: string, argument = 'timeout'): number | undefined {
  if (timeout === undefined || timeout === Number.POSITIVE_INFINITY) return undefined;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw InvalidArgumentError.expected(argument, 'a non-negative number of milliseconds', timeout, call);
  }
  return timeout;
}

/** `signal` must be undefined or an AbortSignal; anything else is an InvalidArgumentError. */
export function checkSignal(signal: unknown, call: string): AbortSignal | undefined {
  if (signal === undefined || isAbortSignal(signal)) return signal;
  throw InvalidArgumentError.expected('signal', 'an AbortSignal', signal, call);
}

function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AbortSignal>;
  return typeof candidate.aborted === 'boolean' && typeof candidate.addEventListener === 'function' && typeof candidate.removeEventListener === 'function';
}

/** The options object of a call: undefined gives {}, anything but a plain object is an InvalidArgumentError. */
export function checkOptions<T extends object>(options: unknown, call: string): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw InvalidArgumentError.expected('options', 'an options object', options, call);
  }
  return options;
}

/**
 * Calls `fire` once `ms` have passed, however long that is (a delay past Node's timer limit is
 * waited out in steps). Returns the cancel function.
 */
export function startTimer(ms: number, fire: () => void): () => void {
  let timer: NodeJS.Timeout;
  const arm = (left: number): void => {
    const step = Math.min(left, LONGEST_TIMER_MS);
    timer = setTimeout(() => (left > step ? arm(left - step) : fire()), step);
  };
  arm(ms);
  return () => clearTimeout(timer);
}

/** The library's TimeoutError for a call that ran past its `timeout`. */
export function timeoutError(call: string, ms: number, what = 'No answer'): Error {
  return errorFromCode(SCARD_E_TIMEOUT, call, `${what} within ${ms} ms.`);
}

/**
 * Runs `work` and rejects with TimeoutError after `limits.timeout` ms, or with AbortedError /
 * TimeoutError when `limits.signal` aborts. The work is not interrupted: it sees
 * `deadline.expired` and its late result goes to `late` (e.g. to release a handle).
 * Validates the limits first; never throws synchronously.
 */
export function withDeadline<T>(call: string, limits: CallLimits, work: (deadline: Deadline) => Promise<T>, late?: (value: T) => unknown): Promise<T> {
  let timeout: number | undefined;
  let signal: AbortSignal | undefined;
  try {
    timeout = checkTimeout(limits.timeout, call);
    signal = checkSignal(limits.signal, call);
  } catch (error) {
    return Promise.reject(error);
  }
  if (timeout === undefined && signal === undefined) return work(NO_DEADLINE);
  if (signal?.aborted) return Promise.reject(abortReason(signal, call));
  const state = { expired: false };
  const running = work(state);
  return new Promise<T>((resolve, reject) => {
    let cancelTimer: (() => void) | undefined;
    const settle = (finish: () => void): void => {
      if (state.expired) return;
      state.expired = true;
      cancelTimer?.();
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const onAbort = (): void => settle(() => reject(abortReason(signal as AbortSignal, call)));
    if (timeout !== undefined) {
      const ms = timeout;
      cancelTimer = startTimer(ms, () => settle(() => reject(timeoutError(call, ms))));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => {
        if (state.expired) {
          if (late)
            void Promise.resolve()
              .then(() => late(value))
              .catch(() => undefined);
          return;
        }
        settle(() => resolve(value));
      },
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
