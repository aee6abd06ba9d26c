import type { ContextLink, WaitTicket } from '../../../../src/adapters/pcscd/context-link';
import type { PcscdReader } from '../../../../src/adapters/pcscd/reader-table';
import { statusChange } from '../../../../src/adapters/pcscd/status-change';
import { SCARD_S_SUCCESS } from '../../../../src/driver/return-codes';
import { SCARD_INFINITE, SCARD_STATE_EMPTY, SCARD_STATE_PRESENT } from '../../../../src/driver/scard-constants';

const ABSENT = 0x0002;
const PRESENT = 0x0004;

/** A reader table whose entries count how often their name is read: the work of matching queries to it. */
function countingTable(size: number, withCardAt: number): { table: PcscdReader[]; nameReads: () => number } {
  let reads = 0;
  const table = Array.from({ length: size }, (_, index): PcscdReader => {
    const name = `Reader ${index}`;
    return {
      get name() {
        reads += 1;
        return name;
      },
      eventCounter: index === withCardAt ? 1 : 0,
      readerState: index === withCardAt ? PRESENT : ABSENT,
      sharing: 0,
      atr: index === withCardAt ? Uint8Array.of(0x3b, 0x00) : new Uint8Array(0),
      protocol: 0,
    };
  });
  return { table, nameReads: () => reads };
}

/** Just enough of a context link for a status change: the table, and STOP_WAITING's one answer. */
function fakeLink(table: readonly PcscdReader[]): ContextLink {
  const socket = { send: () => undefined, hold: () => undefined, release: () => undefined, read: async () => SCARD_S_SUCCESS };
  return {
    speaksReaderEvents: false,
    socket,
    readers: async () => table,
    registerAndReadTable: async () => ({ table, registered: true }),
  } as unknown as ContextLink;
}

const ticket = (): WaitTicket => ({ cancelled: false, parked: false });

describe("the 'pcscd' driver matches queries to pcscd's reader table in one pass", () => {
  const readers = 256;
  const emptyQueries = Array.from({ length: readers }, (_, index) => ({ reader: `Reader ${index}`, currentState: SCARD_STATE_EMPTY }));

  it('a zero-timeout look at 256 readers reads each table name a bounded number of times, not once per query', async () => {
    const { table, nameReads } = countingTable(readers, readers - 1);
    const outcome = await statusChange(fakeLink(table), ticket(), emptyQueries, 0);
    expect(outcome.ok && (outcome.value[readers - 1]?.eventState ?? 0) & SCARD_STATE_PRESENT).toBeTruthy();
    expect(nameReads()).toBeLessThanOrEqual(2 * readers);
  });

  it('a wait answered by the card in the last of 256 readers does the same', async () => {
    const { table, nameReads } = countingTable(readers, readers - 1);
    const outcome = await statusChange(fakeLink(table), ticket(), emptyQueries, SCARD_INFINITE);
    expect(outcome.ok && (outcome.value[readers - 1]?.eventState ?? 0) & SCARD_STATE_PRESENT).toBeTruthy();
    expect(nameReads()).toBeLessThanOrEqual(2 * readers);
  });
});
