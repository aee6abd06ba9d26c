import { AbortedError, PcscError, TimeoutError } from '../../errors/pcsc-error';

/**
 * The library error for an aborted signal: a library error given as the reason is kept as is;
 * `AbortSignal.timeout()`'s reason (a DOMException named TimeoutError) becomes a TimeoutError;
 * anything else an AbortedError. The signal's own reason is the `cause` of a new error.
 */
export function abortReason(signal: AbortSignal, call?: string): PcscError {
  const reason: unknown = signal.reason;
  if (reason instanceof PcscError) return reason;
  const where = call ? `${call}: ` : '';
  if (isTimeoutReason(reason)) {
    return new TimeoutError(`${where}The signal timed out.`, call, { cause: reason });
  }
  const why = reason instanceof Error && reason.message && reason.name !== 'AbortError' ? ` (${reason.message})` : '';
  return new AbortedError(`${where}The operation was aborted${why}.`, call, { cause: reason });
}

function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
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
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A promise that rejects with the signal's reason when it aborts; `dispose` drops the listener. */
export function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let dispose = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => dispose() };
}

/** A signal that aborts when any of `signals` does. */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
