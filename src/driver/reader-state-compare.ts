import {
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_EVENT_COUNTER_SHIFT,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_INUSE,
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNAWARE,
  SCARD_STATE_UNKNOWN,
} from './scard-constants';

const COMPARED_FLAGS =
  SCARD_STATE_UNKNOWN |
  SCARD_STATE_UNAVAILABLE |
  SCARD_STATE_EMPTY |
  SCARD_STATE_PRESENT |
  SCARD_STATE_EXCLUSIVE |
  SCARD_STATE_INUSE |
  SCARD_STATE_MUTE;

/** The event counter pcsc-lite keeps in the upper 16 bits of a reader state. */
export function eventCounterOf(state: number): number {
  return (state >>> SCARD_STATE_EVENT_COUNTER_SHIFT) & 0xffff;
}

/**
 * Whether a reader's event state differs from what the caller believes, the way
 * SCardGetStatusChange decides to return: an unaware caller, other flags, or another event counter.
 */
export function readerStateDiffers(currentState: number, eventState: number): boolean {
  if (currentState === SCARD_STATE_UNAWARE) return true;
  if ((currentState & COMPARED_FLAGS) !== (eventState & COMPARED_FLAGS)) return true;
  return eventCounterOf(currentState) !== eventCounterOf(eventState);
}

/** eventState with SCARD_STATE_CHANGED set when it differs from currentState. */
export function markChanged(currentState: number, eventState: number): number {
  const base = eventState & ~SCARD_STATE_CHANGED;
  return readerStateDiffers(currentState, base) ? base | SCARD_STATE_CHANGED : base;
}
