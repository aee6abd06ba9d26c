import {
  SCARD_ABSENT,
  SCARD_PRESENT,
  SCARD_STATE_ATRMATCH,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_EVENT_COUNTER_SHIFT,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_FLAGS_MASK,
  SCARD_STATE_IGNORE,
  SCARD_STATE_INUSE,
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNAWARE,
  SCARD_STATE_UNKNOWN,
} from '../../driver/scard-constants';
import { EXCLUSIVE_SHARING } from '../service/reader-context';

/** What getStatusChange looks at for one running reader. */
export interface ReaderView {
  readonly state: number;
  readonly sharing: number;
  readonly eventCounter: number;
}

export interface Evaluation {
  readonly eventState: number;
  readonly changed: boolean;
}

const CLEARED_WHEN_EMPTY =
  SCARD_STATE_PRESENT |
  SCARD_STATE_UNAWARE |
  SCARD_STATE_IGNORE |
  SCARD_STATE_UNKNOWN |
  SCARD_STATE_UNAVAILABLE |
  SCARD_STATE_ATRMATCH |
  SCARD_STATE_MUTE |
  SCARD_STATE_INUSE;

const CLEARED_WHEN_PRESENT = SCARD_STATE_EMPTY | SCARD_STATE_UNAWARE | SCARD_STATE_IGNORE | SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_MUTE;

/**
 * One pass of libpcsclite's SCardGetStatusChange over a reader the service runs. `previous` is the
 * event state built up by earlier passes of the same call; a state the caller did not expect
 * (`currentState`) sets SCARD_STATE_CHANGED and ends the call.
 */
export function evaluateRunningReader(currentState: number, previous: number, reader: ReaderView, withEventCounter: boolean): Evaluation {
  let eventState = previous;
  let changed = false;
  const expects = (flag: number): boolean => (currentState & flag) !== 0;

  if (expects(SCARD_STATE_UNKNOWN)) {
    eventState &= ~SCARD_STATE_UNKNOWN;
    changed = true;
  }

  if (withEventCounter) {
    const knownCounter = currentState >>> SCARD_STATE_EVENT_COUNTER_SHIFT;
    // a caller that passes no counter is not compared
    if (knownCounter !== 0 && knownCounter !== reader.eventCounter) changed = true;
    eventState = (eventState & SCARD_STATE_FLAGS_MASK) | (reader.eventCounter << SCARD_STATE_EVENT_COUNTER_SHIFT);
  }

  if (expects(SCARD_STATE_UNAVAILABLE)) {
    eventState &= ~SCARD_STATE_UNAVAILABLE;
    changed = true;
  }

  if (reader.state & SCARD_ABSENT) {
    eventState = (eventState | SCARD_STATE_EMPTY) & ~CLEARED_WHEN_EMPTY;
    if (expects(SCARD_STATE_PRESENT)) changed = true;
  } else if (reader.state & SCARD_PRESENT) {
    eventState = (eventState | SCARD_STATE_PRESENT) & ~CLEARED_WHEN_PRESENT;
    if (expects(SCARD_STATE_EMPTY) || expects(SCARD_STATE_MUTE)) changed = true;
  }

  if (reader.sharing === EXCLUSIVE_SHARING) {
    eventState = (eventState | SCARD_STATE_EXCLUSIVE) & ~SCARD_STATE_INUSE;
    if (expects(SCARD_STATE_INUSE)) changed = true;
  } else if (reader.sharing > 0) {
    if (reader.state & SCARD_PRESENT) {
      eventState = (eventState | SCARD_STATE_INUSE) & ~SCARD_STATE_EXCLUSIVE;
      if (expects(SCARD_STATE_EXCLUSIVE)) changed = true;
    }
  } else {
    eventState &= ~(SCARD_STATE_INUSE | SCARD_STATE_EXCLUSIVE);
    if (expects(SCARD_STATE_INUSE) || expects(SCARD_STATE_EXCLUSIVE)) changed = true;
  }

  if (currentState === SCARD_STATE_UNAWARE) changed = true;
  if (changed) eventState |= SCARD_STATE_CHANGED;
  return { eventState: eventState >>> 0, changed };
}

/** A reader that is not (or no longer) running. */
export function evaluateMissingReader(currentState: number): Evaluation {
  const eventState = SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE;
  if (currentState & SCARD_STATE_UNKNOWN) return { eventState, changed: false };
  return { eventState: eventState | SCARD_STATE_CHANGED, changed: true };
}
