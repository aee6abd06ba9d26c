import { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { Command } from '../../../../src/adapters/pcscd/wire-layout';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import { FakePcscd } from './fake-pcscd';

const READER = 'Fake Reader 00 00';
/** The fake never answers this command: the card is mute. */
const UNANSWERED = Uint8Array.of(0x80, 0xee, 0x00, 0x00);
const ECHOED = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x02);

describe("the 'pcscd' driver's card handles", () => {
  let daemon: FakePcscd;
  let driver: PcscdDriver;

  beforeEach(async () => {
    daemon = await FakePcscd.start({
      override: (_client, request) => request.command === Command.TRANSMIT && request.payload.equals(Buffer.from(UNANSWERED)),
    });
    driver = new PcscdDriver({ socketPath: daemon.path, settlingBoundMs: 50 });
  });

  afterEach(async () => {
    await driver.dispose();
    await daemon.stop();
  });

  async function connectTwice(context: number): Promise<[number, number]> {
    const first = await driver.connect(context, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    const second = await driver.connect(context, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!first.ok || !second.ok) throw new Error('connect');
    return [first.value.handle, second.value.handle];
  }

  it('each talk to pcscd over a socket and context of their own', async () => {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('establish');
    const [first, second] = await connectTwice(context.value);
    await driver.transmit(first, SCARD_PROTOCOL_T1, ECHOED);
    await driver.transmit(second, SCARD_PROTOCOL_T1, ECHOED);
    const talkers = daemon.clients.filter((client) => client.seen.some((request) => request.command === Command.TRANSMIT));
    expect(talkers).toHaveLength(2);
    for (const client of talkers) {
      expect(client.seen.map((request) => request.command)).toEqual([Command.VERSION, Command.ESTABLISH_CONTEXT, Command.CONNECT, Command.TRANSMIT]);
    }
  });

  it('are not held up by a card that never answers, nor is the context; its disconnect gives it up, cancelling the stuck call', async () => {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('establish');
    const [mute, other] = await connectTwice(context.value);
    const stuck = driver.transmit(mute, SCARD_PROTOCOL_T1, UNANSWERED);
    const answer = await driver.transmit(other, SCARD_PROTOCOL_T1, ECHOED);
    expect(answer.ok && Array.from(answer.value)).toEqual([...ECHOED, 0x90, 0x00]);
    expect((await driver.listReaders(context.value)).ok).toBe(true);
    expect(await driver.disconnect(mute, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
    // Not SCARD_E_INVALID_HANDLE, which the core reads as the service gone (and releases the context with every handle).
    expect((await stuck).rc).toBe(rc.SCARD_E_CANCELLED);
    expect((await driver.transmit(mute, SCARD_PROTOCOL_T1, ECHOED)).rc).toBe(rc.SCARD_E_INVALID_HANDLE);
    expect((await driver.transmit(other, SCARD_PROTOCOL_T1, ECHOED)).ok).toBe(true);
    expect((await driver.listReaders(context.value)).ok).toBe(true);
  });

  it('end with the context they were connected through', async () => {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('establish');
    const [first, second] = await connectTwice(context.value);
    expect(await driver.releaseContext(context.value)).toBe(rc.SCARD_S_SUCCESS);
    expect((await driver.transmit(first, SCARD_PROTOCOL_T1, ECHOED)).rc).toBe(rc.SCARD_E_INVALID_HANDLE);
    expect((await driver.transmit(second, SCARD_PROTOCOL_T1, ECHOED)).rc).toBe(rc.SCARD_E_INVALID_HANDLE);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (daemon.clients.every((client) => client.socket.destroyed || client.socket.readableEnded)) resolve();
        else setImmediate(check);
      };
      check();
    });
  });

  it('after a clean disconnect, lend their socket to the next connect through the same context: one CONNECT, no new handshake', async () => {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('establish');
    const first = await driver.connect(context.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!first.ok) throw new Error('connect');
    expect(await driver.disconnect(first.value.handle, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
    const clientsBefore = daemon.clients.length;
    const second = await driver.connect(context.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!second.ok) throw new Error('connect');
    expect(daemon.clients).toHaveLength(clientsBefore);
    await driver.transmit(second.value.handle, SCARD_PROTOCOL_T1, ECHOED);
    const talker = daemon.clients.find((client) => client.seen.some((request) => request.command === Command.TRANSMIT));
    expect(talker?.seen.map((request) => request.command)).toEqual([
      Command.VERSION,
      Command.ESTABLISH_CONTEXT,
      Command.CONNECT,
      Command.DISCONNECT,
      Command.CONNECT,
      Command.TRANSMIT,
    ]);
    // The old handle stays ended although its socket lives on.
    expect((await driver.transmit(first.value.handle, SCARD_PROTOCOL_T1, ECHOED)).rc).toBe(rc.SCARD_E_INVALID_HANDLE);
  });

  it('kept for reuse are closed when their context is released', async () => {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('establish');
    const first = await driver.connect(context.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!first.ok) throw new Error('connect');
    expect(await driver.disconnect(first.value.handle, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
    expect(await driver.releaseContext(context.value)).toBe(rc.SCARD_S_SUCCESS);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (daemon.clients.every((client) => client.socket.destroyed || client.socket.readableEnded)) resolve();
        else setImmediate(check);
      };
      check();
    });
    expect(daemon.clients.length).toBeGreaterThan(1);
  });
});
