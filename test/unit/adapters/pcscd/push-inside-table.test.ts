/**
 * pcscd writes the reader table one READER_STATE at a time while its event thread may write the
 * 8-byte push to the same socket in between: a client that registered (WAIT) and reads the table
 * can find the push before the table, or inside it. The driver must read the table the push left
 * behind, not report readers gone or the service broken.
 */
import { Command, READER_STATE_SIZE } from '../../../../src/adapters/pcscd/wire-layout';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED, SCARD_STATE_CHANGED, SCARD_STATE_EMPTY, SCARD_STATE_PRESENT } from '../../../../src/driver/scard-constants';
import type { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { u32s, type FakeClient, type FakePcscd, type Override } from './fake-pcscd';
import { fakeSessions } from './fake-session';

const READERS = 4;
/** The reader whose card leaves while the table is on its way. */
const LEAVING = 3;

function withReaders(daemon: FakePcscd): string[] {
  const model = daemon.readers[0];
  if (!model) throw new Error('no fake reader');
  for (let index = daemon.readers.length; index < READERS; index++) daemon.readers.push({ ...model, name: `Fake Reader ${String(index).padStart(2, '0')} 00` });
  return daemon.readers.map((reader) => reader.name);
}

/** The card of LEAVING goes, and pcscd's push lands after `entriesBefore` READER_STATEs of `slots` (-1: before the size). */
function leaveDuringTable(daemon: FakePcscd, client: FakeClient, slots: number, entriesBefore: number): void {
  const before = daemon.readerTable(slots);
  const reader = daemon.readers[LEAVING];
  if (!reader) throw new Error('no leaving reader');
  reader.cardPresent = false;
  reader.eventCounter += 1;
  const after = daemon.readerTable(slots);
  if (entriesBefore < 0) {
    client.push(rc.SCARD_S_SUCCESS);
    client.write(u32s(slots));
    client.write(after);
    return;
  }
  client.write(before.subarray(0, entriesBefore * READER_STATE_SIZE));
  client.push(rc.SCARD_S_SUCCESS);
  client.write(after.subarray(entriesBefore * READER_STATE_SIZE));
}

/** On protocol 4.6, the first registered table read gets the push at `entriesBefore` (-1: before its size). */
function sizedTableWithPush(entriesBefore: number): Override {
  let armed = true;
  let arrayAnswered = false;
  return (client, request, daemon) => {
    if (arrayAnswered && request.command === Command.GET_READERS_STATE_ARRAY) {
      // Its table went out with the size, after the push.
      arrayAnswered = false;
      return true;
    }
    if (!armed || !client.registered) return false;
    if (request.command === Command.GET_READERS_STATE_SIZE) {
      if (entriesBefore >= 0) {
        client.write(u32s(daemon.tableSlots()));
        return true;
      }
      armed = false;
      arrayAnswered = true;
      leaveDuringTable(daemon, client, daemon.tableSlots(), -1);
      return true;
    }
    if (request.command !== Command.GET_READERS_STATE_ARRAY) return false;
    armed = false;
    leaveDuringTable(daemon, client, daemon.tableSlots(), entriesBefore);
    return true;
  };
}

/** On protocol 4.4, WAIT's own table gets the push after `entriesBefore` of its 16 READER_STATEs. */
function fixedTableWithPush(entriesBefore: number): Override {
  let armed = true;
  return (client, request, daemon) => {
    if (!armed || request.command !== Command.WAIT_READER_STATE_CHANGE) return false;
    armed = false;
    client.registered = true;
    leaveDuringTable(daemon, client, 16, entriesBefore);
    return true;
  };
}

async function waitThroughPush(driver: PcscdDriver, context: number, names: readonly string[]): Promise<number[]> {
  const known = names.map((reader) => ({ reader, currentState: (1 << 16) | SCARD_STATE_PRESENT }));
  const outcome = await driver.getStatusChange(context, known, 5_000);
  if (!outcome.ok) throw new Error(`getStatusChange answered 0x${(outcome.rc >>> 0).toString(16)}`);
  return outcome.value.map((state) => state.eventState);
}

const LEFT = (2 << 16) | SCARD_STATE_EMPTY | SCARD_STATE_CHANGED;
const STAYED = (1 << 16) | SCARD_STATE_PRESENT;

describe("the 'pcscd' driver when pcscd's push lands inside the reader table (protocol 4.6)", () => {
  const { start } = fakeSessions({ major: 4, minor: 6, accepts: [4, 5] });

  it.each([
    ['between two READER_STATEs', 2],
    ['before the first READER_STATE', 0],
    ['before the size', -1],
  ])('%s: reports the card that left, every other reader as it is, and stays in step', async (_where, entriesBefore) => {
    const { driver, daemon, context } = await start(sizedTableWithPush(entriesBefore));
    const names = withReaders(daemon);
    const states = await waitThroughPush(driver, context, names);
    expect(states.map((state) => state & ~SCARD_STATE_CHANGED)).toEqual([STAYED, STAYED, STAYED, LEFT & ~SCARD_STATE_CHANGED]);
    expect(states[LEAVING]).toBe(LEFT);
    const listed = await driver.listReaders(context);
    expect(listed.ok && listed.value).toEqual(names);
    const card = await driver.connect(context, names[0] ?? '', SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    expect(card.ok).toBe(true);
  });
});

describe("the 'pcscd' driver when pcscd's push lands inside WAIT's own table (protocol 4.4)", () => {
  const { start } = fakeSessions();

  it.each([
    ['between two READER_STATEs', 2],
    ['before the first READER_STATE', 0],
    ['after the readers, among the empty slots', READERS],
  ])('%s: reports the card that left, every other reader as it is, and stays in step', async (_where, entriesBefore) => {
    const { driver, daemon, context } = await start(fixedTableWithPush(entriesBefore));
    const names = withReaders(daemon);
    const states = await waitThroughPush(driver, context, names);
    expect(states.map((state) => state & ~SCARD_STATE_CHANGED)).toEqual([STAYED, STAYED, STAYED, LEFT & ~SCARD_STATE_CHANGED]);
    expect(states[LEAVING]).toBe(LEFT);
    const listed = await driver.listReaders(context);
    expect(listed.ok && listed.value).toEqual(names);
    const card = await driver.connect(context, names[0] ?? '', SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    expect(card.ok).toBe(true);
  });
});
