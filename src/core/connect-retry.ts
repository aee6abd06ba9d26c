import pRetry, { AbortError } from 'p-retry';
import { SharingViolationError } from '../errors/pcsc-error';

/**
 * Connects, and while another application holds the card (sharing violation) keeps retrying
 * with backoff for up to `waitMs`. Other errors surface at once; `signal` stops the wait.
 * A connection that succeeds after the caller gave up (the abort came first) goes to `releaseLate`,
 * so no handle is left holding the card.
 */
export async function connectWithSharingWait<T>(
  connect: () => Promise<T>,
  waitMs: number,
  signal?: AbortSignal,
  releaseLate?: (value: T) => unknown,
): Promise<T> {
  if (!(waitMs > 0)) return connect();
  signal?.throwIfAborted();
  const deadline = Date.now() + waitMs;
  // A connection made just before an abort may still be rejected by pRetry (it rechecks the signal).
  let connected: { value: T } | undefined;
  const attempts = pRetry(
    async () => {
      if (signal?.aborted) throw new AbortError(abortReason(signal));
      try {
        const value = await connect();
        connected = { value };
        return value;
      } catch (error) {
        const retryable = error instanceof SharingViolationError && Date.now() < deadline;
        if (!retryable) throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    { retries: Number.POSITIVE_INFINITY, minTimeout: 20, maxTimeout: 250, factor: 1.5, maxRetryTime: waitMs, signal },
  );
  if (!signal) return attempts;
  return new Promise<T>((resolve, reject) => {
    let gaveUp = false;
    const onAbort = (): void => {
      gaveUp = true;
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    attempts.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (gaveUp) void Promise.resolve(releaseLate?.(value)).catch(() => undefined);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (connected) void Promise.resolve(releaseLate?.(connected.value)).catch(() => undefined);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The operation was aborted.');
}
