/**
 * A daemon that stops in the middle of a reply, or sends one that breaks the protocol, must not leave
 * a call pending forever nor reject it with an error of the driver's own: every call settles with a
 * return code within the stall bound, and the socket is dropped.
 */
import { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { Command } from '../../../../src/adapters/pcscd/wire-layout';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED, SCARD_STATE_CHANGED, SCARD_STATE_UNAWARE } from '../../../../src/driver/scard-constants';
import { FakePcscd, type Override } from './fake-pcscd';
import { until } from './fake-session';

const STALL_BOUND_MS = 100;
const READER = 'Fake Reader 00 00';
const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x02, 0x3f, 0x00);

/** Answers `command` with only the first `bytes` bytes of what the fake would send, then nothing. */
function truncated(command: number, bytes: number): Override {
  return (client, request, daemon) => {
    if (request.command !== command) return false;
    const write = client.write.bind(client);
    client.write = (reply: Buffer) => write(reply.subarray(0, bytes));
    try {
      daemon.answer(client, request);
    } finally {
      client.write = write;
    }
    return true;
  };
}

describe("the 'pcscd' driver against a daemon that stops in the middle of a reply", () => {
  let daemon: FakePcscd | undefined;
  let driver: PcscdDriver | undefined;
  afterEach(async () => {
    await driver?.dispose();
    await daemon?.stop();
    daemon = undefined;
    driver = undefined;
  });

  async function start(override: Override): Promise<{ daemon: FakePcscd; driver: PcscdDriver }> {
    daemon = await FakePcscd.start({ override });
    driver = new PcscdDriver({ socketPath: daemon.path, replyStallBoundMs: STALL_BOUND_MS, settlingBoundMs: 60_000 });
    return { daemon, driver };
  }

  async function established(override: Override): Promise<{ daemon: FakePcscd; driver: PcscdDriver; context: number }> {
    const started = await start(override);
    const context = await started.driver.establishContext();
    if (!context.ok) throw new Error(`establish: ${context.rc}`);
    return { ...started, context: context.value };
  }

  /** Every client socket the daemon saw has been closed by the driver. */
  const dropped = (fake: FakePcscd): Promise<void> =>
    until(() => fake.clients.length > 0 && fake.clients.every((client) => client.socket.destroyed || client.socket.readableEnded));

  it.each([
    ['the version reply', Command.VERSION, 4],
    ['the establish reply', Command.ESTABLISH_CONTEXT, 8],
  ])('establishContext settles with SCARD_E_NO_SERVICE when %s stops short, and drops the socket', async (_what, command, bytes) => {
    const { daemon: fake, driver: pcscd } = await start(truncated(command, bytes));
    expect((await pcscd.establishContext()).rc).toBe(rc.SCARD_E_NO_SERVICE);
    await dropped(fake);
  });

  it('listReaders settles with SCARD_E_NO_SERVICE when the reader table stops short, and drops the socket', async () => {
    const { daemon: fake, driver: pcscd, context } = await established(truncated(Command.GET_READERS_STATE, 1000));
    expect((await pcscd.listReaders(context)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    await dropped(fake);
  });

  it('releaseContext settles when the release reply stops short (before the settling bound), and drops the socket', async () => {
    const { daemon: fake, driver: pcscd, context } = await established(truncated(Command.RELEASE_CONTEXT, 3));
    expect(await pcscd.releaseContext(context)).toBe(rc.SCARD_E_NO_SERVICE);
    await dropped(fake);
  });

  it('a transmit settles with SCARD_E_NO_SERVICE when its data stops short', async () => {
    const { driver: pcscd, context } = await established(truncated(Command.TRANSMIT, 33));
    const card = await pcscd.connect(context, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!card.ok) throw new Error(`connect: ${card.rc}`);
    expect((await pcscd.transmit(card.value.handle, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });

  it('a status-change wait settles with SCARD_E_NO_SERVICE when the push after its timeout started stops short', async () => {
    const { daemon: fake, driver: pcscd, context } = await established(() => false);
    const now = await pcscd.getStatusChange(context, [{ reader: READER, currentState: SCARD_STATE_UNAWARE }], 0);
    const known = now.ok ? (now.value[0]?.eventState ?? 0) & ~SCARD_STATE_CHANGED : 0;
    const waiting = pcscd.getStatusChange(context, [{ reader: READER, currentState: known }], 60_000);
    await until(() => fake.clients.some((client) => client.registered));
    for (const client of fake.clients) if (client.registered) client.write(Buffer.alloc(3));
    expect((await waiting).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });

  it('keeps waiting on a reply that goes on arriving, however slowly, within the bound between its pieces', async () => {
    const slowly: Override = (client, request) => {
      if (request.command !== Command.GET_READERS_STATE) return false;
      const table = (daemon as FakePcscd).readerTable();
      const pieces = [table.subarray(0, 100), table.subarray(100, 2000), table.subarray(2000)];
      const next = (): void => {
        const piece = pieces.shift();
        if (!piece) return;
        client.write(piece);
        setTimeout(next, STALL_BOUND_MS / 2);
      };
      next();
      return true;
    };
    const { driver: pcscd, context } = await established(slowly);
    const listed = await pcscd.listReaders(context);
    expect(listed.ok && listed.value).toEqual([READER]);
  });
});

describe("the 'pcscd' driver against a daemon that breaks the protocol", () => {
  let daemon: FakePcscd | undefined;
  let driver: PcscdDriver | undefined;
  afterEach(async () => {
    await driver?.dispose();
    await daemon?.stop();
  });

  it('answers SCARD_E_NO_SERVICE (a broken exchange) instead of rejecting with PcscdProtocolError, on every call', async () => {
    daemon = await FakePcscd.start({
      override: (client, request, fake) => {
        if (request.command !== Command.GET_READERS_STATE) return false;
        const table = fake.readerTable();
        table.writeUInt32LE(40, 176);
        client.write(table);
        return true;
      },
    });
    driver = new PcscdDriver({ socketPath: daemon.path });
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('establish');
    expect((await driver.listReaders(context.value)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    expect((await driver.getStatusChange(context.value, [{ reader: READER, currentState: SCARD_STATE_UNAWARE }], 0)).rc).toBe(rc.SCARD_E_NO_SERVICE);
    expect(await driver.releaseContext(context.value)).toBe(rc.SCARD_E_NO_SERVICE);
  });
});
