import type { PcscEmitter } from './pcsc-emitter';
import type { PcscEvent } from './pcsc-events';
import { keepProcessAlive } from './keep-alive';

/**
 * Every event of `emitter` as an async iterator, buffered so none is lost between two `next()`
 * calls. Ends when `signal` aborts or `closed` aborts (the Pcsc closed).
 */
export async function* eventStream(emitter: PcscEmitter, closed: AbortSignal, signal?: AbortSignal): AsyncGenerator<PcscEvent, void, undefined> {
  const buffer: PcscEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (event: PcscEvent): void => {
    buffer.push(event);
    wake?.();
  };
  const listeners = {
    'reader-attached': (reader) => push({ type: 'reader-attached', reader }),
    'reader-detached': (reader) => push({ type: 'reader-detached', reader }),
    'card-inserted': (reader) => push({ type: 'card-inserted', reader }),
    'card-removed': (reader, reason) => push({ type: 'card-removed', reader, reason }),
    'service-lost': (error) => push({ type: 'service-lost', error }),
    'service-restored': () => push({ type: 'service-restored' }),
    quirk: (notice) => push({ type: 'quirk', notice }),
    error: (error) => push({ type: 'error', error }),
  } satisfies Record<PcscEvent['type'], (...args: never[]) => void>;
  const ended = (): boolean => closed.aborted || signal?.aborted === true;
  const stop = (): void => wake?.();
  closed.addEventListener('abort', stop);
  signal?.addEventListener('abort', stop);
  for (const [event, listener] of Object.entries(listeners)) emitter.on(event as PcscEvent['type'], listener as never);
  try {
    while (!ended()) {
      const next = buffer.shift();
      if (next) {
        yield next;
        continue;
      }
      // The consumer waits for the next event: the process stays until it comes or the stream ends.
      const release = keepProcessAlive();
      try {
        await new Promise<void>((resolve) => (wake = resolve));
      } finally {
        release();
        wake = undefined;
      }
    }
  } finally {
    closed.removeEventListener('abort', stop);
    signal?.removeEventListener('abort', stop);
    for (const [event, listener] of Object.entries(listeners)) emitter.off(event as PcscEvent['type'], listener as never);
  }
}
