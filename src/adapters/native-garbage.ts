/**
 * `pcsclite` releases a PC/SC context only in the destructor of its native objects, which runs when
 * V8 collects them. Where the process was started with --expose-gc (the worker process is), dropping
 * such an object is followed by a full collection, so the context is released at once instead of
 * whenever the collector next runs. Elsewhere this does nothing.
 *
 * The collection waits a moment: the addon's last thread message must reach the main thread before
 * the object it points to is destroyed.
 */
const SETTLE_MS = 20;

let scheduled: NodeJS.Timeout | undefined;

export function collectNativeGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function' || scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    gc();
  }, SETTLE_MS);
  scheduled.unref();
}
