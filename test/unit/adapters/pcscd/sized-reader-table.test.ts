import { Command, READER_STATE_SIZE, ReaderStateField } from '../../../../src/adapters/pcscd/wire-layout';
import * as rc from '../../../../src/driver/return-codes';
import {
  SCARD_INFINITE,
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_SHARED,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_PRESENT,
} from '../../../../src/driver/scard-constants';
import { u32s, type FakePcscd, type Override } from './fake-pcscd';
import { fakeSessions, until } from './fake-session';

/** A daemon as pcsc-lite 2.5.x: protocol 4.6, accepting 4.4 and 4.5 clients. */
const { start } = fakeSessions({ major: 4, minor: 6, accepts: [4, 5] });

/** `count` readers in all, each with a card. */
function withReaders(daemon: FakePcscd, count: number): string[] {
  const model = daemon.readers[0];
  if (!model) throw new Error('no fake reader');
  for (let index = daemon.readers.length; index < count; index++) {
    daemon.readers.push({ ...model, name: `Fake Reader ${String(index).padStart(2, '0')} 00`, eventCounter: 1 });
  }
  return daemon.readers.map((reader) => reader.name);
}

/** Answers GET_READERS_STATE_SIZE with `slots` and the array with `sent` bytes of the real table, then hangs up if asked. */
function sizeAnswer(slots: number, sent?: number): Override {
  return (client, request, daemon) => {
    if (request.command === Command.GET_READERS_STATE_SIZE) {
      client.write(u32s(slots));
      return true;
    }
    if (request.command !== Command.GET_READERS_STATE_ARRAY || sent === undefined) return false;
    client.write(daemon.readerTable(daemon.tableSlots()).subarray(0, sent));
    setTimeout(() => client.socket.destroy(), 5);
    return true;
  };
}

describe("the 'pcscd' driver on protocol 4.6's reader table of variable size", () => {
  it('lists more than 16 readers from GET_READERS_STATE_SIZE and _ARRAY, never from the fixed table', async () => {
    const { driver, daemon, context } = await start();
    const names = withReaders(daemon, 20);
    const listed = await driver.listReaders(context);
    expect(listed.ok && listed.value).toEqual(names);
    expect(daemon.requests(Command.GET_READERS_STATE_SIZE)).toHaveLength(1);
    expect(daemon.requests(Command.GET_READERS_STATE_ARRAY)).toHaveLength(1);
    expect(daemon.requests(Command.GET_READERS_STATE)).toHaveLength(0);
  });

  it('reads the status of the 18th reader', async () => {
    const { driver, daemon, context } = await start();
    const names = withReaders(daemon, 18);
    const card = await driver.connect(context, names[17] ?? '', SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!card.ok) throw new Error(`connect: ${card.rc}`);
    const status = await driver.status(card.value.handle);
    expect(status.ok && status.value).toMatchObject({ reader: names[17], protocol: 2, atr: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01) });
    expect(daemon.requests(Command.STATUS)).toHaveLength(1);
  });

  it('waits on the 20th reader: WAIT only registers, the sized table follows, and the push wakes it', async () => {
    const { driver, daemon, context } = await start();
    const names = withReaders(daemon, 20);
    const known = (1 << 16) | SCARD_STATE_PRESENT;
    const pending = driver.getStatusChange(context, [{ reader: names[19] ?? '', currentState: known }], SCARD_INFINITE);
    await until(() => daemon.clients.some((client) => client.registered));
    daemon.removeCard(19);
    const outcome = await pending;
    expect(outcome.ok && outcome.value[0]?.eventState).toBe((2 << 16) | SCARD_STATE_EMPTY | SCARD_STATE_CHANGED);
    expect(daemon.requests(Command.WAIT_READER_STATE_CHANGE)).toHaveLength(2);
    expect(daemon.requests(Command.GET_READERS_STATE_ARRAY)).toHaveLength(2);
    const listed = await driver.listReaders(context);
    expect(listed.ok && listed.value).toHaveLength(20);
  });

  it('answers a zero timeout for a reader past the 16th from one sized read, without registering', async () => {
    const { driver, daemon, context } = await start();
    const names = withReaders(daemon, 17);
    const outcome = await driver.getStatusChange(context, [{ reader: names[16] ?? '', currentState: 0 }], 0);
    expect(outcome.ok && outcome.value[0]?.eventState).toBe((1 << 16) | SCARD_STATE_PRESENT | SCARD_STATE_CHANGED);
    expect(daemon.requests(Command.WAIT_READER_STATE_CHANGE)).toHaveLength(0);
  });

  it('reads a table shorter than 16, as pcsc-lite 2.5 starts with 2 slots', async () => {
    const { driver, daemon, context } = await start();
    expect(daemon.tableSlots()).toBe(2);
    const listed = await driver.listReaders(context);
    expect(listed.ok && listed.value).toEqual(['Fake Reader 00 00']);
    // The socket is still in step: a second listing reads its own answer.
    expect((await driver.listReaders(context)).ok).toBe(true);
  });

  it('takes an empty table (size 0) as no readers', async () => {
    const { driver, daemon, context } = await start(sizeAnswer(0));
    daemon.readers.length = 0;
    expect((await driver.listReaders(context)).rc).toBe(rc.SCARD_E_NO_READERS_AVAILABLE);
    expect(daemon.requests(Command.GET_READERS_STATE_ARRAY)).toHaveLength(1);
  });

  it.each([
    ['a negative', -1],
    ['an oversized', 100_000],
  ])(
    'answers %s table size with SCARD_E_NO_SERVICE (a broken exchange, not a PcscdProtocolError rejection), then reports the link gone',
    async (_kind, slots) => {
      const { driver, context } = await start(sizeAnswer(slots));
      expect((await driver.listReaders(context)).rc).toBe(rc.SCARD_E_NO_SERVICE);
      expect((await driver.listReaders(context)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    },
  );

  it('answers SCARD_E_NO_SERVICE when the array is shorter than the size announced and the daemon hangs up', async () => {
    const { driver, daemon, context } = await start(sizeAnswer(32, 17 * READER_STATE_SIZE + 10));
    withReaders(daemon, 20);
    expect((await driver.listReaders(context)).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });
});

describe("the 'pcscd' driver on a reader pcscd has added but not looked at yet", () => {
  const { start: startOld } = fakeSessions();

  /** The table as pcscd has it between adding reader `slot` and its first poll: readerState 0, ATR length READER_NOT_INITIALIZED (34). */
  function notYetInitialized(slot: number): Override {
    return (client, request, daemon) => {
      if (request.command !== Command.GET_READERS_STATE) return false;
      const table = daemon.readerTable();
      const base = slot * READER_STATE_SIZE;
      table.writeUInt32LE(0, base + ReaderStateField.readerState);
      table.fill(0, base + ReaderStateField.atr, base + ReaderStateField.atrLength);
      table.writeUInt32LE(34, base + ReaderStateField.atrLength);
      client.write(table);
      return true;
    };
  }

  it('lists it and shows it without a card, where it answered SCARD_E_NO_SERVICE (an impossible ATR length)', async () => {
    const { driver, daemon, context } = await startOld(notYetInitialized(1));
    daemon.readers.push({ name: 'Fake Reader 01 00', eventCounter: 0, cardPresent: false, atr: new Uint8Array(0), sharing: 0 });
    const listed = await driver.listReaders(context);
    expect(listed.ok && listed.value).toEqual(['Fake Reader 00 00', 'Fake Reader 01 00']);
    const states = await driver.getStatusChange(context, [{ reader: 'Fake Reader 01 00', currentState: 0 }], 0);
    expect(states.ok && states.value[0]?.atr).toEqual(new Uint8Array(0));
    expect(states.ok && (states.value[0]?.eventState ?? 0) & SCARD_STATE_PRESENT).toBe(0);
  });
});
