import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { Command, MAX_DATA_SIZE } from '../../../../src/adapters/pcscd/wire-layout';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import type { Override } from './fake-pcscd';
import { fakeSessions } from './fake-session';

const { connected, start } = fakeSessions();

const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x02, 0x3f, 0x00);

/** Answers TRANSMIT one byte per write, each in a later turn of the fake's event loop. */
const trickle: Override = (client, request) => {
  if (request.command !== Command.TRANSMIT) return false;
  const answer = Buffer.concat([request.payload, Buffer.from([0x90, 0x00])]);
  const reply = Buffer.from(request.body);
  reply.writeUInt32LE(answer.length, 24);
  reply.writeUInt32LE(0, 28);
  const bytes = Buffer.concat([reply, answer]);
  let index = 0;
  const next = (): void => {
    if (index >= bytes.length) return;
    client.write(bytes.subarray(index, index + 1));
    index++;
    setTimeout(next, 0);
  };
  next();
  return true;
};

describe("the 'pcscd' driver on replies that arrive in pieces or broken", () => {
  it('puts together a reply that arrives one byte at a time', async () => {
    const { driver, handle } = await connected(trickle);
    const answer = await driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT);
    expect(answer.ok && Buffer.from(answer.value).toString('hex')).toBe('00a40400023f009000');
  });

  it('sends each command in one write: header, struct and APDU together', async () => {
    const { driver, daemon, handle } = await connected();
    await driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT);
    const [transmit] = daemon.requests(Command.TRANSMIT);
    expect(transmit?.payload.equals(Buffer.from(SELECT))).toBe(true);
  });

  it('answers SCARD_E_NO_SERVICE (a broken exchange) to an answer longer than the buffer it offered, then reports the link of that handle gone', async () => {
    const { driver, context, handle } = await connected((client, request) => {
      if (request.command !== Command.TRANSMIT) return false;
      const reply = Buffer.from(request.body);
      reply.writeUInt32LE(MAX_DATA_SIZE + 100, 24);
      reply.writeUInt32LE(0, 28);
      client.write(reply);
      return true;
    });
    expect((await driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    // The handle's own socket is gone; the context's socket is another one.
    expect((await driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    expect((await driver.listReaders(context)).ok).toBe(true);
  });

  it('answers SCARD_E_NO_SERVICE to a reader table with an ATR longer than 33 bytes', async () => {
    const { driver, context } = await connected((client, request, fake) => {
      if (request.command !== Command.GET_READERS_STATE) return false;
      const table = fake.readerTable();
      table.writeUInt32LE(40, 176);
      client.write(table);
      return true;
    });
    expect((await driver.listReaders(context)).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });

  it('answers SCARD_E_NO_SERVICE when the daemon hangs up in the middle of a reply (SCARD_F_COMM_ERROR in libpcsclite, read as every driver reads it), and afterwards on that handle', async () => {
    const { driver, handle } = await connected((client, request) => {
      if (request.command !== Command.TRANSMIT) return false;
      client.write(Buffer.from(request.body).subarray(0, 12));
      setTimeout(() => client.socket.destroy(), 5);
      return true;
    });
    expect((await driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    expect((await driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });

  it('answers SCARD_W_SECURITY_VIOLATION when the daemon resets a new connection before answering (polkit refusal)', async () => {
    // A unix socket closed with unread bytes in its receive queue resets its peer: this daemon
    // never reads the version request, as pcscd refusing a client does not.
    const dir = mkdtempSync(join(tmpdir(), 'refusing-pcscd-'));
    const path = join(dir, 'pcscd.comm');
    const refusing = net.createServer({ pauseOnConnect: true }, (client) => setTimeout(() => client.destroy(), 20));
    await new Promise<void>((resolve) => refusing.listen(path, resolve));
    try {
      const driver = new PcscdDriver({ socketPath: path });
      expect((await driver.establishContext()).rc).toBe(rc.SCARD_W_SECURITY_VIOLATION);
      await driver.dispose();
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers SCARD_E_NO_SERVICE when the daemon resets a connection it has answered on (pcscd killed with a request unread)', async () => {
    const { driver, daemon, context } = await start((client, request) => {
      if (request.command === Command.ESTABLISH_CONTEXT) client.socket.pause();
      return false;
    });
    const pending = driver.listReaders(context);
    await new Promise((resolve) => setImmediate(resolve));
    daemon.clients[0]?.socket.destroy();
    expect((await pending).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });

  it('checks lengths and handles before anything is sent', async () => {
    const { driver, daemon, context, handle } = await connected();
    const before = daemon.clients.reduce((sum, client) => sum + client.seen.length, 0);
    expect((await driver.transmit(handle, SCARD_PROTOCOL_T1, new Uint8Array(MAX_DATA_SIZE + 1))).rc).toBe(rc.SCARD_E_INSUFFICIENT_BUFFER);
    expect((await driver.control(handle, 0x42000c00, new Uint8Array(MAX_DATA_SIZE + 1))).rc).toBe(rc.SCARD_E_INSUFFICIENT_BUFFER);
    expect(await driver.setAttribute(handle, 0x7fff0003, new Uint8Array(265))).toBe(rc.SCARD_E_INSUFFICIENT_BUFFER);
    expect((await driver.connect(context, 'x'.repeat(129), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1)).rc).toBe(rc.SCARD_E_INVALID_VALUE);
    expect((await driver.transmit(handle + 1000, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(rc.SCARD_E_INVALID_HANDLE);
    expect(await driver.beginTransaction(handle + 1000)).toBe(rc.SCARD_E_INVALID_HANDLE);
    expect((await driver.listReaders(context + 1000)).rc).toBe(rc.SCARD_E_INVALID_HANDLE);
    expect(daemon.clients.reduce((sum, client) => sum + client.seen.length, 0)).toBe(before);
  });

  it('reads an attribute from GET_ATTRIB', async () => {
    const { driver, handle } = await connected();
    const vendor = await driver.getAttribute(handle, 0x00010100);
    expect(vendor.ok && Buffer.from(vendor.value).toString('latin1')).toBe('Fake vendor');
  });
});
