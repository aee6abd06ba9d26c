import type { QuirkNotice } from '../quirks/quirk-notice';
import type { ReaderInfo } from './reader-info';

export type { QuirkNotice };

/**
 * Why a 'card-removed' event came, which also says what its reader holds now:
 * - 'removed': the card was taken out; the reader is empty (state 'empty').
 * - 'replaced': between two looks the card was taken out and a card (another, or the same one
 *   again) put in; the reader holds the new card and a 'card-inserted' follows.
 * - 'service-restarted': the PC/SC service restarted while a card stayed in the reader. The new
 *   service powered it anew and every connection to it died, so it counts as removed and
 *   inserted again: the reader holds the card (state 'present' or the like) and a
 *   'card-inserted' follows. (A card gone by the time the service is back is 'removed'.)
 * - 'reader-detached': the reader went away with the card in it; a 'reader-detached' follows.
 */
export type CardRemovedReason = 'removed' | 'replaced' | 'service-restarted' | 'reader-detached';

/** The events of a Pcsc and their listeners' arguments. */
export interface PcscEvents {
  /** A reader appeared. */
  'reader-attached': (reader: ReaderInfo) => void;
  /** A reader went away. */
  'reader-detached': (reader: { name: string; service?: string }) => void;
  /**
   * A card was inserted while the readers were watched. Cards already in their readers when watching
   * began are not reported: `listReaders()` shows them, and `waitForCard()` resolves at once for one.
   */
  'card-inserted': (reader: ReaderInfo) => void;
  /** A card was taken out, or counts as taken out: `reason` says which, and what `reader` holds now. */
  'card-removed': (reader: ReaderInfo, reason: CardRemovedReason) => void;
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
  | {
      /** A reader appeared. */
      readonly type: 'reader-attached';
      /** The reader. */
      readonly reader: ReaderInfo;
    }
  | {
      /** A reader went away. */
      readonly type: 'reader-detached';
      /** The reader that went away. */
      readonly reader: {
        /** Its name. */
        name: string;
        /** The service it belonged to, as in {@link ReaderInfo.service}. */
        service?: string;
      };
    }
  | {
      /** A card was inserted while the readers were watched (not one already there: see PcscEvents). */
      readonly type: 'card-inserted';
      /** The reader holding the card. */
      readonly reader: ReaderInfo;
    }
  | {
      /** A card was taken out, or counts as taken out (see `reason`). */
      readonly type: 'card-removed';
      /** The reader the card left, as it is now. */
      readonly reader: ReaderInfo;
      /** Why: taken out, replaced, the service restarted, or the reader went away. */
      readonly reason: CardRemovedReason;
    }
  | {
      /** The PC/SC service stopped answering; recovery has begun. */
      readonly type: 'service-lost';
      /** Why the service is considered lost. */
      readonly error: Error;
    }
  | {
      /** The service answers again after a loss. */
      readonly type: 'service-restored';
    }
  | {
      /** A platform workaround acted, or the library has advice about a reader. */
      readonly type: 'quirk';
      /** What the workaround did or advises. */
      readonly notice: QuirkNotice;
    }
  | {
      /** A failure no call could report (e.g. in the reader monitor). */
      readonly type: 'error';
      /** The failure. */
      readonly error: Error;
    };
