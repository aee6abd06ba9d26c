import type { Pcsc } from '../../compose/pcsc';
import type { PcscEvent } from '../../core/pcsc-events';
import type { ReaderInfo } from '../../core/reader-info';

export type WatchEvent =
  | { readonly type: 'reader-attached' | 'card-inserted' | 'card-removed'; readonly reader: ReaderInfo }
  | { readonly type: 'reader-detached'; readonly reader: { readonly name: string } }
  | { readonly type: 'service-lost'; readonly error: unknown }
  | { readonly type: 'service-restored' };

/**
 * Subscribes to the core's reader and card events now (so nothing that happens while the caller
 * takes its snapshot is lost), and hands each one to `onEvent` in order until `signal` aborts.
 * A stopped PC/SC service is waited for: the core reports it lost and restored.
 */
export function subscribeToReaders(pcsc: Pcsc, signal: AbortSignal): (onEvent: (event: WatchEvent) => Promise<void> | void) => Promise<void> {
  const events = pcsc.events({ signal });
  // The generator subscribes when first asked for a value: ask now, read the answer later.
  const first = events.next();
  return async (onEvent) => {
    for (let next = await first; next.done !== true; next = await events.next()) {
      const event = watchEvent(next.value);
      if (event) await onEvent(event);
    }
  };
}

function watchEvent(event: PcscEvent): WatchEvent | undefined {
  switch (event.type) {
    case 'quirk':
    case 'error':
      return undefined;
    default:
      return event;
  }
}
