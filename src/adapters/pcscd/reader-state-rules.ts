import {
  SCARD_ABSENT,
  SCARD_PRESENT,
  SCARD_STATE_ATRMATCH,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_IGNORE,
  SCARD_STATE_INUSE,
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNAWARE,
  SCARD_STATE_UNKNOWN,
  SCARD_SWALLOWED,
  SCARD_UNKNOWN,
} from '../../driver/scard-constants';
import type { PcscdReader } from './reader-table';
import { SHARING_EXCLUSIVE, SHARING_NONE } from './wire-layout';

/** One reader's answer so far: the event state being built and whether it warrants returning. */
export interface ReaderVerdict {
  readonly eventState: number;
  readonly atr: Uint8Array;
  readonly changed: boolean;
}

const NO_ATR = new Uint8Array(0);

/**
 * SCardGetStatusChange's comparison for one reader, done on the client as libpcsclite does it:
 * `previous` is the event state an earlier pass built (0 on the first), `reader` what pcscd's table
 * says now, or undefined when the reader is gone.
 */
export function judgeReader(currentState: number, previous: number, previousAtr: Uint8Array, reader: PcscdReader | undefined): ReaderVerdict {
  if (reader === undefined) {
    const gone = SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE;
    if (currentState & SCARD_STATE_UNKNOWN) return { eventState: gone, atr: previousAtr, changed: false };
    return { eventState: gone | SCARD_STATE_CHANGED, atr: previousAtr, changed: true };
  }
  let event = previous;
  let changed = false;
  const mark = (): void => {
    event |= SCARD_STATE_CHANGED;
    changed = true;
  };
  if (currentState & SCARD_STATE_UNKNOWN) {
    // The reader came back after being away.
    event = (event | SCARD_STATE_CHANGED) & ~SCARD_STATE_UNKNOWN;
    changed = true;
  }
  const counter = reader.eventCounter & 0xffff;
  if ((currentState & 0xffff0000) !== 0 && ((currentState >>> 16) & 0xffff) !== counter) mark();
  event = ((event & 0xffff) | (counter << 16)) >>> 0;

  const state = reader.readerState;
  if (state & SCARD_UNKNOWN) {
    event = SCARD_STATE_UNAVAILABLE;
    if (!(currentState & SCARD_STATE_UNAVAILABLE)) mark();
  } else if (currentState & SCARD_STATE_UNAVAILABLE) {
    event &= ~SCARD_STATE_UNAVAILABLE;
    mark();
  }

  const atr = state & SCARD_PRESENT ? reader.atr : NO_ATR;
  if (state & SCARD_ABSENT) {
    event |= SCARD_STATE_EMPTY;
    event &= ~(
      SCARD_STATE_PRESENT |
      SCARD_STATE_UNAWARE |
      SCARD_STATE_IGNORE |
      SCARD_STATE_UNKNOWN |
      SCARD_STATE_UNAVAILABLE |
      SCARD_STATE_ATRMATCH |
      SCARD_STATE_MUTE |
      SCARD_STATE_INUSE
    );
    if (currentState & SCARD_STATE_PRESENT) mark();
  } else if (state & SCARD_PRESENT) {
    event |= SCARD_STATE_PRESENT;
    event &= ~(SCARD_STATE_EMPTY | SCARD_STATE_UNAWARE | SCARD_STATE_IGNORE | SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_MUTE);
    if (currentState & SCARD_STATE_EMPTY) mark();
    if (state & SCARD_SWALLOWED) {
      event |= SCARD_STATE_MUTE;
      if (!(currentState & SCARD_STATE_MUTE)) mark();
    } else if (currentState & SCARD_STATE_MUTE) {
      mark();
    }
  }

  if (reader.sharing === SHARING_EXCLUSIVE) {
    event = (event | SCARD_STATE_EXCLUSIVE) & ~SCARD_STATE_INUSE;
    if (currentState & SCARD_STATE_INUSE) mark();
  } else if (reader.sharing > SHARING_NONE) {
    if (state & SCARD_PRESENT) {
      event = (event | SCARD_STATE_INUSE) & ~SCARD_STATE_EXCLUSIVE;
      if (currentState & SCARD_STATE_EXCLUSIVE) mark();
    }
  } else if (reader.sharing === SHARING_NONE) {
    event &= ~(SCARD_STATE_INUSE | SCARD_STATE_EXCLUSIVE);
    if (currentState & (SCARD_STATE_INUSE | SCARD_STATE_EXCLUSIVE)) mark();
  }

  if (currentState === SCARD_STATE_UNAWARE) mark();
  return { eventState: event >>> 0, atr, changed };
}
