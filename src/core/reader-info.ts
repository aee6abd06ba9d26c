import {
  SCARD_STATE_EMPTY,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_INUSE,
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
} from '../driver/scard-constants';
import type { ReaderStateResult } from '../driver/pcsc-driver';

/** A reader's state, read from its SCARD_STATE_* bits. */
export type ReaderState = 'empty' | 'present' | 'in-use' | 'exclusive' | 'mute' | 'unavailable' | 'unknown';

/** A reader as `listReaders()` reports it. */
export interface ReaderInfo {
  /** The reader's PC/SC name. */
  readonly name: string;
  /** Whether a card is there and who uses it. */
  readonly state: ReaderState;
  /** The card's ATR, or undefined when no card is present. */
  readonly atr: Uint8Array | undefined;
  /** The raw SCARD_STATE_* bits (event counter in the upper 16 bits). */
  readonly eventState: number;
  /**
   * Which service the reader belongs to, when the Pcsc was opened with a `label` or a `socket`
   * (the label, else the socket path); absent otherwise. It tells apart readers of several Pcsc
   * side by side, e.g. two machines' `Virtual PCD 00 00`; `name` stays the PC/SC name that
   * connect() takes, and connect() accepts the ReaderInfo itself.
   */
  readonly service?: string;
}

export function readerStateName(eventState: number): ReaderState {
  if (eventState & SCARD_STATE_MUTE) return 'mute';
  if (eventState & SCARD_STATE_EXCLUSIVE) return 'exclusive';
  if (eventState & SCARD_STATE_INUSE) return 'in-use';
  if (eventState & SCARD_STATE_PRESENT) return 'present';
  if (eventState & SCARD_STATE_EMPTY) return 'empty';
  if (eventState & SCARD_STATE_UNAVAILABLE) return 'unavailable';
  return 'unknown';
}

export function toReaderInfo(result: ReaderStateResult): ReaderInfo {
  const present = (result.eventState & SCARD_STATE_PRESENT) !== 0 && result.atr.length > 0;
  return {
    name: result.reader,
    state: readerStateName(result.eventState),
    atr: present ? result.atr : undefined,
    eventState: result.eventState,
  };
}
