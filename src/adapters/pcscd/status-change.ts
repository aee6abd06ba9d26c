import { fail, succeed, type Outcome, type ReaderStateQuery, type ReaderStateResult } from '../../driver/pcsc-driver';
import { SCARD_E_CANCELLED, SCARD_E_TIMEOUT, SCARD_E_UNKNOWN_READER, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { PNP_NOTIFICATION_READER, SCARD_INFINITE, SCARD_STATE_CHANGED, SCARD_STATE_IGNORE } from '../../driver/scard-constants';
import type { ContextLink, WaitTicket } from './context-link';
import { readerEventsReply, readerEventsRequest, stopWaitingRequest, waitNotice } from './message-codec';
import type { PcscdReader } from './reader-table';
import { judgeReader } from './reader-state-rules';
import { TIMED_OUT } from './service-socket';

/** libpcsclite re-reads the reader table this often while it waits without a limit. */
const INFINITE_SLICE_MS = 60_000;

const PNP_NAME = PNP_NOTIFICATION_READER.toLowerCase();

interface Slot {
  readonly query: ReaderStateQuery;
  readonly pnp: boolean;
  eventState: number;
  atr: Uint8Array;
}

const NO_ATR = new Uint8Array(0);

/**
 * SCardGetStatusChange as libpcsclite does it over the socket: WAIT registers for pcscd's push and
 * the reader table is read (WAIT's own answer up to protocol 4.5, the sized table after it from 4.6
 * on); the client compares; when nothing changed it waits for the push, then
 * registers again. A limit that runs out sends STOP_WAITING, after which exactly one 8-byte message
 * follows (its answer, or a push that crossed it). A zero limit needs only GET_READERS_STATE.
 */
export async function statusChange(
  link: ContextLink,
  ticket: WaitTicket,
  queries: readonly ReaderStateQuery[],
  timeoutMs: number,
): Promise<Outcome<readonly ReaderStateResult[]>> {
  const slots: Slot[] = queries.map((query) => ({
    query,
    pnp: query.reader.toLowerCase() === PNP_NAME,
    eventState: 0,
    atr: NO_ATR,
  }));
  if (slots.every((slot) => slot.query.currentState & SCARD_STATE_IGNORE)) return succeed(results(slots));
  if (ticket.cancelled) return fail(SCARD_E_CANCELLED);

  const pnp = slots.find((slot) => slot.pnp);
  if (pnp) await notePnpEvents(link, pnp, true);

  if (timeoutMs === 0) {
    const table = await link.readers();
    if (unknownReader(slots, table)) return fail(SCARD_E_UNKNOWN_READER);
    const pnpChanged = pnp !== undefined && (pnp.eventState & SCARD_STATE_CHANGED) !== 0;
    return judgeAll(slots, table, table.length) || pnpChanged ? succeed(results(slots)) : fail(SCARD_E_TIMEOUT);
  }

  const infinite = timeoutMs >= SCARD_INFINITE;
  const deadline = infinite ? Infinity : Date.now() + timeoutMs;
  let { table, registered } = await link.registerAndReadTable();
  // Ends the registration, when there is one, before the call returns `outcome`.
  const unregisterThen = <T>(outcome: Outcome<T>): Promise<Outcome<T>> => (registered ? stopThen(link, outcome) : Promise.resolve(outcome));
  if (unknownReader(slots, table)) return unregisterThen(fail(SCARD_E_UNKNOWN_READER));
  const readerCount = table.length;
  for (;;) {
    if (judgeAll(slots, table, readerCount) || (pnp !== undefined && pnp.eventState & SCARD_STATE_CHANGED)) {
      const ended = await unregisterThen(succeed(results(slots)));
      if (ended.ok && pnp && pnp.eventState & SCARD_STATE_CHANGED) {
        await notePnpEvents(link, pnp, false);
        return succeed(results(slots));
      }
      return ended;
    }
    if (ticket.cancelled) return unregisterThen(fail(SCARD_E_CANCELLED));
    const slice = infinite ? INFINITE_SLICE_MS : deadline - Date.now();
    if (slice <= 0) return unregisterThen(fail(SCARD_E_TIMEOUT));
    if (!registered) {
      // The push came with the table: nothing changed for these readers since, so register again and look.
      ({ table, registered } = await link.registerAndReadTable());
      continue;
    }
    ticket.parked = true;
    let notice: number | typeof TIMED_OUT;
    try {
      notice = await link.socket.read(waitNotice, slice);
    } finally {
      ticket.parked = false;
    }
    if (notice === TIMED_OUT) {
      const stopped = await stopWaiting(link);
      if (stopped !== SCARD_S_SUCCESS) return fail(stopped);
      if (!infinite) return fail(SCARD_E_TIMEOUT);
    } else if (notice !== SCARD_S_SUCCESS) {
      // SCARD_E_CANCELLED after SCardCancel: pcscd has unregistered the socket already.
      return fail(notice);
    }
    // The push unregistered the socket (or STOP did): register again and look.
    ({ table, registered } = await link.registerAndReadTable());
  }
}

/**
 * STOP_WAITING, after which pcscd sends exactly one 8-byte message: its answer, or the push of an
 * event that beat it (pcscd then sends no answer). That push may be here before STOP goes out; it
 * is read as that one message, not taken for bytes nobody asked for.
 */
async function stopWaiting(link: ContextLink): Promise<number> {
  const { socket } = link;
  socket.send(stopWaitingRequest());
  socket.hold();
  try {
    return await socket.read(waitNotice);
  } finally {
    socket.release();
  }
}

/** Unregisters (one 8-byte message follows STOP, whichever it is); a cancel that crossed wins. */
async function stopThen<T>(link: ContextLink, outcome: Outcome<T>): Promise<Outcome<T>> {
  const stopped = await stopWaiting(link);
  if (stopped === SCARD_E_CANCELLED) return fail(SCARD_E_CANCELLED);
  return outcome;
}

function unknownReader(slots: readonly Slot[], table: readonly PcscdReader[]): boolean {
  const byName = readersByName(table);
  return slots.some((slot) => !slot.pnp && !(slot.query.currentState & SCARD_STATE_IGNORE) && !byName.has(slot.query.reader));
}

/** Looked up by name once per table read: a search per reader would cost readers² per event. */
function readersByName(table: readonly PcscdReader[]): Map<string, PcscdReader> {
  const byName = new Map<string, PcscdReader>();
  for (const reader of table) byName.set(reader.name, reader);
  return byName;
}

/** One pass over every reader; true when one of them warrants returning. */
function judgeAll(slots: Slot[], table: readonly PcscdReader[], initialReaderCount: number): boolean {
  let changed = false;
  const byName = readersByName(table);
  for (const slot of slots) {
    if (slot.query.currentState & SCARD_STATE_IGNORE) continue;
    if (slot.pnp) {
      if (table.length !== initialReaderCount) {
        slot.eventState |= SCARD_STATE_CHANGED;
        changed = true;
      }
      continue;
    }
    const verdict = judgeReader(slot.query.currentState, slot.eventState, slot.atr, byName.get(slot.query.reader));
    slot.eventState = verdict.eventState;
    slot.atr = verdict.atr;
    if (verdict.changed) changed = true;
  }
  return changed;
}

/**
 * The PnP pseudo-reader carries pcscd's reader-event count in its upper 16 bits (protocol 4.5 and
 * later). At the start a count that differs from the caller's non-zero one is a change.
 */
async function notePnpEvents(link: ContextLink, pnp: Slot, atStart: boolean): Promise<void> {
  if (!link.speaksReaderEvents) return;
  const { events, rv } = await link.exchange(readerEventsRequest(), readerEventsReply);
  if (rv !== SCARD_S_SUCCESS) return;
  pnp.eventState = ((pnp.eventState & 0xffff) | ((events & 0xffff) << 16)) >>> 0;
  const known = pnp.query.currentState >>> 16;
  if (atStart && known !== 0 && known !== (events & 0xffff)) pnp.eventState |= SCARD_STATE_CHANGED;
}

function results(slots: readonly Slot[]): ReaderStateResult[] {
  return slots.map((slot) => ({
    reader: slot.query.reader,
    currentState: slot.query.currentState,
    eventState: slot.eventState,
    atr: slot.atr,
  }));
}
