import { getReadersStateRequest, readersStateArrayRequest, readersStateSizeReply, readersStateSizeRequest, waitRequest } from './message-codec';
import { PcscdProtocolError } from './pcscd-protocol-error';
import { readerTableReply, registeredTableReply, type PcscdReader, type RegisteredTable } from './reader-table';
import { isReplyStep, replyStep, type ReplyStep } from './service-socket';
import { FIXED_READER_COUNT, MAX_READER_TABLE } from './wire-layout';

/** What a socket speaks, as far as reading the reader table goes. */
interface SpokenVersion {
  readonly major: number;
  readonly minor: number;
}

/** The requests that read pcscd's reader table, sent in one write, and how their answers are read. */
export interface TableQuery<T = readonly PcscdReader[]> {
  readonly request: Buffer;
  readonly reply: ReplyStep<T>;
}

/** The fixed table of protocols 4.4 and 4.5: 16 READER_STATEs, empty slots zeroed. */
const FIXED_TABLE = readerTableReply(FIXED_READER_COUNT);

/**
 * Protocol 4.6's table: GET_READERS_STATE_SIZE answers the number of slots (pcsc-lite 2.5 starts
 * with 2 and adds 2 whenever a reader finds them full), GET_READERS_STATE_ARRAY that many READER_STATEs. A count this driver cannot take
 * for a reader table is a malformed answer.
 */
const SIZED_TABLE: ReplyStep<readonly PcscdReader[]> = replyStep(readersStateSizeReply.size, (bytes) => {
  const slots = readersStateSizeReply.read(bytes) as number;
  if (slots < 0 || slots > MAX_READER_TABLE) {
    throw new PcscdProtocolError(`pcscd announced a reader table of ${slots} entries; this driver takes 0 to ${MAX_READER_TABLE}.`);
  }
  return readerTableReply(slots);
});

/**
 * The sized table read after WAIT registered the socket. pcscd's table has at least one slot, so
 * a size of 0 is the first half of the push (its timeOut field): the push is set aside with its rv
 * and the size read again; the socket is no longer registered, so no push can come inside the rest.
 */
function registeredSizedTable(pushed: boolean): ReplyStep<RegisteredTable> {
  return replyStep(readersStateSizeReply.size, (bytes) => {
    const slots = readersStateSizeReply.read(bytes) as number;
    if (slots === 0 && !pushed) return replyStep(4, () => registeredSizedTable(true));
    if (slots <= 0 || slots > MAX_READER_TABLE) {
      throw new PcscdProtocolError(`pcscd announced a reader table of ${slots} entries; this driver takes 1 to ${MAX_READER_TABLE}.`);
    }
    return registeredTableReply(slots, pushed);
  });
}

function hasSizedTable(version: SpokenVersion): boolean {
  return version.major === 4 && version.minor >= 6;
}

/** Reads the reader table as the negotiated protocol does (GET_READERS_STATE; from 4.6 on, its size, then the array). */
export function tableQuery(version: SpokenVersion): TableQuery {
  if (!hasSizedTable(version)) return { request: getReadersStateRequest(), reply: FIXED_TABLE };
  return { request: Buffer.concat([readersStateSizeRequest(), readersStateArrayRequest()]), reply: SIZED_TABLE };
}

/**
 * Registers the socket for pcscd's event push (WAIT_READER_STATE_CHANGE, which answers the fixed
 * table itself up to 4.5 and nothing from 4.6 on, so the sized table is asked for after it) and
 * reads the table, which the push may interleave (see RegisteredTable).
 */
export function registeringTableQuery(version: SpokenVersion): TableQuery<RegisteredTable> {
  if (!hasSizedTable(version)) return { request: waitRequest(), reply: registeredTableReply(FIXED_READER_COUNT) };
  return { request: Buffer.concat([waitRequest(), readersStateSizeRequest(), readersStateArrayRequest()]), reply: registeredSizedTable(false) };
}

/** Reads `first`'s reply, then `second`'s (requests pipelined in one write), and combines them. */
export function thenRead<A, B, R>(first: ReplyStep<A>, second: ReplyStep<B>, combine: (a: A, b: B) => R): ReplyStep<R> {
  const afterFirst = (a: A): ReplyStep<R> => mapStep(second, (b) => combine(a, b));
  return replyStep(first.size, (bytes) => {
    const read = first.read(bytes);
    return isReplyStep(read) ? thenRead(read, second, combine) : afterFirst(read);
  });
}

function mapStep<T, R>(step: ReplyStep<T>, map: (value: T) => R): ReplyStep<R> {
  return replyStep(step.size, (bytes) => {
    const read = step.read(bytes);
    return isReplyStep(read) ? mapStep(read, map) : map(read);
  });
}
