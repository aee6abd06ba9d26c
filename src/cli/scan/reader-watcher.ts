import type { Pcsc } from '../../core/pcsc';
import type { ReaderInfo } from '../../core/reader-info';
import { formatHex } from '../../apdu/hex';

export type WatchEvent =
  | { readonly type: 'reader-attached' | 'reader-detached' | 'card-removed'; readonly reader: ReaderInfo }
  | { readonly type: 'card-inserted'; readonly reader: ReaderInfo }
  | { readonly type: 'service-lost'; readonly error: unknown }
  | { readonly type: 'service-restored' };

interface Seen {
  readonly present: boolean;
  readonly atr: string;
}

/**
 * Polls listReaders() and reports what changed since the previous poll. (When the core emits
 * 'card-inserted' and friends, this can listen to them instead of polling.)
 */
export async function watchReaders(
  pcsc: Pcsc,
  initial: readonly ReaderInfo[],
  onEvent: (event: WatchEvent) => Promise<void> | void,
  signal: AbortSignal,
  intervalMs: number,
): Promise<void> {
  let seen = snapshot(initial);
  let serviceLost = false;
  while (!signal.aborted) {
    await pause(intervalMs, signal);
    if (signal.aborted) return;
    let readers: ReaderInfo[];
    try {
      readers = await pcsc.listReaders();
    } catch (error) {
      if (!serviceLost) await onEvent({ type: 'service-lost', error });
      serviceLost = true;
      continue;
    }
    if (serviceLost) await onEvent({ type: 'service-restored' });
    serviceLost = false;
    for (const event of differences(seen, readers)) await onEvent(event);
    seen = snapshot(readers);
  }
}

function snapshot(readers: readonly ReaderInfo[]): Map<string, Seen> {
  return new Map(
    readers.map((reader) => [reader.name, { present: reader.atr !== undefined, atr: reader.atr ? formatHex(reader.atr) : '' }]),
  );
}

function differences(before: ReadonlyMap<string, Seen>, readers: readonly ReaderInfo[]): WatchEvent[] {
  const events: WatchEvent[] = [];
  const names = new Set(readers.map((reader) => reader.name));
  for (const [name] of before) {
    if (!names.has(name)) events.push({ type: 'reader-detached', reader: { name, state: 'unknown', atr: undefined, eventState: 0 } });
  }
  for (const reader of readers) {
    const old = before.get(reader.name);
    const present = reader.atr !== undefined;
    if (!old) {
      events.push({ type: 'reader-attached', reader });
      if (present) events.push({ type: 'card-inserted', reader });
      continue;
    }
    const swapped = present && old.present && old.atr !== formatHex(reader.atr ?? new Uint8Array(0));
    if ((old.present && !present) || swapped) events.push({ type: 'card-removed', reader });
    if ((!old.present && present) || swapped) events.push({ type: 'card-inserted', reader });
  }
  return events;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
  });
}
