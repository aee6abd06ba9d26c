import {
  PNP_NOTIFICATION_READER,
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
  SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_EMPTY | SCARD_STATE_PRESENT | SCARD_STATE_EXCLUSIVE | SCARD_STATE_INUSE | SCARD_STATE_MUTE;
const SHARING_FLAGS = SCARD_STATE_EXCLUSIVE | SCARD_STATE_INUSE;

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
  if ((currentState & COMPARED_FLAGS & ~SHARING_FLAGS) !== (eventState & COMPARED_FLAGS & ~SHARING_FLAGS)) return true;
  if (sharingChangeCounts(currentState, eventState)) return true;
  return eventCounterOf(currentState) !== eventCounterOf(eventState);
}

/**
 * pcsc-lite's client reports a sharing change only away from what the caller believes: to
 * exclusive from in-use, to in-use from exclusive, to unused from either. A caller that believes
 * the card unused is not woken when an application starts using it.
 */
function sharingChangeCounts(currentState: number, eventState: number): boolean {
  if (eventState & SCARD_STATE_EXCLUSIVE) return (currentState & SCARD_STATE_INUSE) !== 0;
  if (eventState & SCARD_STATE_INUSE) return (currentState & SCARD_STATE_EXCLUSIVE) !== 0;
  return (currentState & SHARING_FLAGS) !== 0;
}

/**
 * Whether the PnP pseudo-reader's state differs: only the reader count in its upper 16 bits is
 * compared. Its lower bits carry no state, so 0 means "no reader", never SCARD_STATE_UNAWARE.
 */
export function pnpStateDiffers(currentState: number, eventState: number): boolean {
  return eventCounterOf(currentState) !== eventCounterOf(eventState);
}

/** readerStateDiffers, or pnpStateDiffers for the PnP pseudo-reader. */
export function queryStateDiffers(reader: string, currentState: number, eventState: number): boolean {
  return reader === PNP_NOTIFICATION_READER ? pnpStateDiffers(currentState, eventState) : readerStateDiffers(currentState, eventState);
}

/** eventState with SCARD_STATE_CHANGED set when it differs from currentState (`reader` decides the rule). */
export function markChanged(currentState: number, eventState: number, reader = ''): number {
  const base = eventState & ~SCARD_STATE_CHANGED;
  return queryStateDiffers(reader, currentState, base) ? base | SCARD_STATE_CHANGED : base;
}
