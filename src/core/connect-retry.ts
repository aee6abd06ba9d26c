import pRetry, { AbortError } from 'p-retry';
import { SharingViolationError } from './errors/pcsc-error';

/**
 * Connects, and while another application holds the card (sharing violation) keeps retrying
 * with backoff for up to `waitMs`. Other errors surface at once; `signal` stops the wait.
 */
export async function connectWithSharingWait<T>(connect: () => Promise<T>, waitMs: number, signal?: AbortSignal): Promise<T> {
  if (!(waitMs > 0)) return connect();
  signal?.throwIfAborted();
  const deadline = Date.now() + waitMs;
  const attempts = pRetry(
    async () => {
      if (signal?.aborted) throw new AbortError(abortReason(signal));
      try {
        return await connect();
      } catch (error) {
        const retryable = error instanceof SharingViolationError && Date.now() < deadline;
        if (!retryable) throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    { forever: true, retries: 32, minTimeout: 20, maxTimeout: 250, factor: 1.5, maxRetryTime: waitMs },
  );
  if (!signal) return attempts;
  return Promise.race([attempts, rejectOnAbort(signal)]);
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The operation was aborted.');
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true }));
}
