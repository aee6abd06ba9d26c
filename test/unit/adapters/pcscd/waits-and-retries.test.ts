import { readFile } from 'node:fs/promises';
import { Command } from '../../../../src/adapters/pcscd/wire-layout';
import * as rc from '../../../../src/driver/return-codes';
import {
  SCARD_INFINITE,
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_SHARED,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_PRESENT,
} from '../../../../src/driver/scard-constants';
import { u32s } from './fake-pcscd';
import { fakeSessions, until } from './fake-session';

const { start } = fakeSessions();

const READER = 'Fake Reader 00 00';
const KNOWN_PRESENT = (1 << 16) | SCARD_STATE_PRESENT;

describe("the 'pcscd' driver's status-change waits", () => {
  it('answers a zero timeout from one GET_READERS_STATE, without registering for events', async () => {
    const { driver, daemon, context } = await start();
    const outcome = await driver.getStatusChange(context, [{ reader: READER, currentState: 0 }], 0);
    expect(outcome.ok && outcome.value[0]?.eventState).toBe(KNOWN_PRESENT | SCARD_STATE_CHANGED);
    expect(daemon.requests(Command.GET_READERS_STATE)).toHaveLength(1);
    expect(daemon.requests(Command.WAIT_READER_STATE_CHANGE)).toHaveLength(0);
  });

  it('waits for the push, registers again and reports the removal', async () => {
    const { driver, daemon, context } = await start();
    const pending = driver.getStatusChange(context, [{ reader: READER, currentState: KNOWN_PRESENT }], SCARD_INFINITE);
    await until(() => daemon.clients.some((client) => client.registered));
    daemon.removeCard(0);
    const outcome = await pending;
    expect(outcome.ok && outcome.value[0]?.eventState).toBe((2 << 16) | SCARD_STATE_EMPTY | SCARD_STATE_CHANGED);
    expect(daemon.requests(Command.WAIT_READER_STATE_CHANGE)).toHaveLength(2);
  });

  it('reads exactly one message after STOP_WAITING when a push crossed it, leaving the socket in step', async () => {
    const { driver, daemon, context } = await start((client, request) => {
      if (request.command !== Command.STOP_WAITING_READER_STATE_CHANGE) return false;
      // The event push went out just before STOP arrived; pcscd then sends no STOP answer.
      if (client.registered) client.push(rc.SCARD_S_SUCCESS);
      return true;
    });
    const outcome = await driver.getStatusChange(context, [{ reader: READER, currentState: KNOWN_PRESENT }], 20);
    expect(outcome.rc).toBe(rc.SCARD_E_TIMEOUT);
    expect(daemon.requests(Command.STOP_WAITING_READER_STATE_CHANGE)).toHaveLength(1);
    const readers = await driver.listReaders(context);
    expect(readers.ok && readers.value).toEqual([READER]);
  });

  it('takes a push that arrived before STOP_WAITING went out for the one message after it', async () => {
    const { driver, daemon, context } = await start((client, request, fake) => {
      if (request.command !== Command.WAIT_READER_STATE_CHANGE) return false;
      // A second event right after the table: the push is on its way before the driver sends STOP.
      client.registered = true;
      client.write(fake.readerTable());
      client.push(rc.SCARD_S_SUCCESS);
      return true;
    });
    const outcome = await driver.getStatusChange(context, [{ reader: READER, currentState: SCARD_STATE_EMPTY }], SCARD_INFINITE);
    expect(outcome.ok && outcome.value[0]?.eventState).toBe(KNOWN_PRESENT | SCARD_STATE_CHANGED);
    // The socket is in step: the next call reads its own answer (the fake saw STOP before it).
    const readers = await driver.listReaders(context);
    expect(readers.ok && readers.value).toEqual([READER]);
    expect(daemon.requests(Command.STOP_WAITING_READER_STATE_CHANGE)).toHaveLength(1);
  });

  it('ends a cancelled wait that has not yet parked at its next turn, without a CANCEL', async () => {
    const { driver, daemon, context } = await start();
    const pending = driver.getStatusChange(context, [{ reader: READER, currentState: KNOWN_PRESENT }], SCARD_INFINITE);
    expect(await driver.cancel(context)).toBe(rc.SCARD_S_SUCCESS);
    expect((await pending).rc).toBe(rc.SCARD_E_CANCELLED);
    expect(daemon.requests(Command.CANCEL)).toHaveLength(0);
  });

  it('ends a parked wait with SCARD_E_CANCELLED through a CANCEL on a socket of its own', async () => {
    const { driver, daemon, context } = await start();
    const pending = driver.getStatusChange(context, [{ reader: READER, currentState: KNOWN_PRESENT }], SCARD_INFINITE);
    await until(() => daemon.clients.some((client) => client.registered));
    // The reader table reaches the driver a turn or two after the fake wrote it.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(await driver.cancel(context)).toBe(rc.SCARD_S_SUCCESS);
    expect((await pending).rc).toBe(rc.SCARD_E_CANCELLED);
    expect(daemon.requests(Command.CANCEL)).toHaveLength(1);
    expect(daemon.clients.find((client) => client.seen.some((request) => request.command === Command.CANCEL))?.seen).toHaveLength(1);
  });

  it('leaves the event loop free: fs.readFile completes while 8 INFINITE waits are pending', async () => {
    const { driver, daemon, context: first } = await start();
    const contexts: number[] = [first];
    for (let i = 1; i < 8; i++) {
      const context = await driver.establishContext();
      if (!context.ok) throw new Error('establish');
      contexts.push(context.value);
    }
    let settled = 0;
    const waits = contexts.map((context) =>
      driver.getStatusChange(context, [{ reader: READER, currentState: KNOWN_PRESENT }], SCARD_INFINITE).finally(() => settled++),
    );
    await until(() => daemon.clients.filter((client) => client.registered).length === 8);
    const text = await readFile(__filename, 'utf8');
    expect(text).toContain('fs.readFile completes while 8 INFINITE waits are pending');
    expect(settled).toBe(0);
    for (const context of contexts) await driver.cancel(context);
    expect((await Promise.all(waits)).map((outcome) => outcome.rc)).toEqual(Array(8).fill(rc.SCARD_E_CANCELLED));
  });

  it('ends a pending wait as cancelled when the driver is disposed', async () => {
    const { driver, daemon, context } = await start();
    const pending = driver.getStatusChange(context, [{ reader: READER, currentState: KNOWN_PRESENT }], SCARD_INFINITE);
    await until(() => daemon.clients.some((client) => client.registered));
    await driver.dispose();
    expect((await pending).rc).toBe(rc.SCARD_E_CANCELLED);
  });
});

describe("the 'pcscd' driver's sharing retries", () => {
  it('asks BEGIN_TRANSACTION again while pcscd answers SHARING_VIOLATION, as libpcsclite does', async () => {
    let refusals = 2;
    const { driver, daemon, context } = await start((client, request) => {
      if (request.command !== Command.BEGIN_TRANSACTION || refusals === 0) return false;
      refusals--;
      client.write(u32s(request.body.readUInt32LE(0), rc.SCARD_E_SHARING_VIOLATION));
      return true;
    });
    const card = await driver.connect(context, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!card.ok) throw new Error('connect');
    expect(await driver.beginTransaction(card.value.handle)).toBe(rc.SCARD_S_SUCCESS);
    expect(daemon.requests(Command.BEGIN_TRANSACTION)).toHaveLength(3);
  });
});
