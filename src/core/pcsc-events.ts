import type { QuirkNotice } from '../quirks/quirk-notice';
import type { ReaderInfo } from './reader-info';

export type { QuirkNotice };


/** The events of a Pcsc and their listeners' arguments. */
export interface PcscEvents {
  /** A reader appeared. */
  'reader-attached': (reader: ReaderInfo) => void;
  /** A reader went away. */
  'reader-detached': (reader: { name: string }) => void;
  /** A card was inserted (or was present when monitoring began). */
  'card-inserted': (reader: ReaderInfo) => void;
  /** A card was taken out. */
  'card-removed': (reader: ReaderInfo) => void;
  /** The PC/SC service stopped answering; recovery has begun. */
  'service-lost': (error: Error) => void;
  /** The service answers again after a loss. */
  'service-restored': () => void;
  /** A platform workaround acted, or the library has advice about a reader. */
  quirk: (notice: QuirkNotice) => void;
  /** A failure no call could report (e.g. in the reader monitor). */
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
