import type { QuirkNotice } from '../quirks/quirk-notice';
import type { ReaderInfo } from './reader-info';

export type { QuirkNotice };


export interface PcscEvents {
  'reader-attached': (reader: ReaderInfo) => void;
  'reader-detached': (reader: { name: string }) => void;
  'card-inserted': (reader: ReaderInfo) => void;
  'card-removed': (reader: ReaderInfo) => void;
  'service-lost': (error: Error) => void;
  'service-restored': () => void;
  quirk: (notice: QuirkNotice) => void;
  error: (error: Error) => void;
}

/** One event as `pcsc.events()` yields it. */
export type PcscEvent =
  | { readonly type: 'reader-attached'; readonly reader: ReaderInfo }
  | { readonly type: 'reader-detached'; readonly reader: { name: string } }
  | { readonly type: 'card-inserted'; readonly reader: ReaderInfo }
  | { readonly type: 'card-removed'; readonly reader: ReaderInfo }
  | { readonly type: 'service-lost'; readonly error: Error }
  | { readonly type: 'service-restored' }
  | { readonly type: 'quirk'; readonly notice: QuirkNotice }
  | { readonly type: 'error'; readonly error: Error };
