import { SharingViolationError } from '../errors/pcsc-error';

/**
 * Connects, and while another application holds the card (sharing violation) keeps retrying
 * with backoff for up to `waitMs`. Other errors surface at once; once `gaveUp()` is true no
 * further attempt starts (the caller bounds the wait and releases a late handle itself).
 */
export async function connectWithSharingWait<T>(connect: () => Promise<T>, waitMs: number, gaveUp: () => boolean): Promise<T> {
  if (!(waitMs > 0)) return connect();
  const deadline = Date.now() + waitMs;
  // Loaded on the first wait for sharing, not at import.
  const { default: pRetry, AbortError } = await import('p-retry');
  return pRetry(
    async () => {
      try {
        return await connect();
      } catch (error) {
        const retryable = error instanceof SharingViolationError && Date.now() < deadline && !gaveUp();
        if (!retryable) throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    { retries: Number.POSITIVE_INFINITY, minTimeout: 20, maxTimeout: 250, factor: 1.5, maxRetryTime: waitMs },
  );
}
