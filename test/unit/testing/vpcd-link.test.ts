import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { VirtualCard, seedTestApplet } from '../../../src/testing';
import { FrameReader, encodeFrame } from '../../../src/testing/vpcd-frames';
import { attachToVpcd } from '../../../src/testing/vpcd-link';
import { COMMAND, SELECT } from '../../fixtures/seed';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

describe('FrameReader', () => {
  test('joins a frame split across chunks and splits several frames in one chunk', () => {
    const reader = new FrameReader();
    const stream = Buffer.concat([encodeFrame(hex('0102')), encodeFrame(hex('04')), encodeFrame(hex('AABBCC'))]);
    expect(reader.push(stream.subarray(0, 1))).toEqual([]);
    expect(reader.push(stream.subarray(1, 3))).toEqual([]);
    expect(reader.push(stream.subarray(3, 8))).toEqual([hex('0102'), hex('04')]);
    expect(reader.push(stream.subarray(8))).toEqual([hex('AABBCC')]);
  });

  test('passes empty frames through', () => {
    expect(new FrameReader().push(encodeFrame(new Uint8Array(0)))).toEqual([new Uint8Array(0)]);
  });
});

/** A stand-in for vpcd: listens, takes one card at a time, and reads its replies. */
class FakeVpcd {
  private server: Server | undefined;
  private client: Socket | undefined;
  private readonly replies: Uint8Array[] = [];
  private readonly frames = new FrameReader();
  private clientWaiters: Array<(socket: Socket) => void> = [];
  private replyWaiters: Array<() => void> = [];
  port = 0;

  async listen(port = 0): Promise<void> {
    const server = createServer((socket) => {
      socket.setNoDelay(true);
      this.client = socket;
      socket.on('data', (chunk) => {
        this.replies.push(...this.frames.push(chunk));
        for (const wake of this.replyWaiters.splice(0)) wake();
      });
      for (const wake of this.clientWaiters.splice(0)) wake(socket);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  card(): Promise<Socket> {
    if (this.client && !this.client.destroyed) return Promise.resolve(this.client);
    return new Promise((resolve) => this.clientWaiters.push(resolve));
  }

  async send(...payloads: Uint8Array[]): Promise<void> {
    const socket = await this.card();
    socket.write(Buffer.concat(payloads.map((payload) => encodeFrame(payload))));
  }

  async reply(): Promise<Uint8Array> {
    while (this.replies.length === 0) await new Promise<void>((resolve) => this.replyWaiters.push(resolve));
    return this.replies.shift() as Uint8Array;
  }

  async close(): Promise<void> {
    this.client?.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('attachToVpcd', () => {
  let vpcd: FakeVpcd;

  beforeEach(async () => {
    vpcd = new FakeVpcd();
    await vpcd.listen();
  });

  afterEach(async () => {
    await vpcd.close();
  });

  test('answers ATR requests, power controls and APDUs', async () => {
    const card = seedTestApplet();
    const link = await card.attachToVpcd({ port: vpcd.port });
    expect(link.connected).toBe(true);

    await vpcd.send(Uint8Array.of(4));
    expect(await vpcd.reply()).toEqual(hex('3B 80 80 01 01 01'));

    const activated = link.whenActivated(1000);
    await vpcd.send(Uint8Array.of(1), Uint8Array.of(4));
    expect(await vpcd.reply()).toEqual(card.atr);
    await activated;
    expect(link.powered).toBe(true);
    expect(card.resetCount).toBe(1);

    await vpcd.send(hex(SELECT), hex(COMMAND));
    expect(await vpcd.reply()).toEqual(hex('90 00'));
    expect(await vpcd.reply()).toEqual(hex('00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00'));

    await vpcd.send(Uint8Array.of(2));
    await vpcd.send(hex(COMMAND));
    expect(await vpcd.reply()).toEqual(hex('69 85'));
    expect(card.resetCount).toBe(2);
    expect(card.log.map((entry) => entry.resetCount)).toEqual([1, 1, 2]);

    await vpcd.send(Uint8Array.of(0));
    await vpcd.send(hex('00 B0 00 00 01'));
    expect(await vpcd.reply()).toEqual(hex('6D 00'));
    expect(link.powered).toBe(false);
    expect(link.powerOffCount).toBe(1);
    // pcscd repeats a power-off to a card already off; each one counts
    await vpcd.send(Uint8Array.of(0));
    await vpcd.send(hex('00 B0 00 00 01'));
    expect(await vpcd.reply()).toEqual(hex('6D 00'));
    expect(link.powerOffCount).toBe(2);
    await link.remove();
  });

  test('reassembles an APDU that arrives byte by byte', async () => {
    const card = seedTestApplet();
    const link = await card.attachToVpcd({ port: vpcd.port });
    const socket = await vpcd.card();
    for (const byte of encodeFrame(hex(SELECT))) {
      socket.write(Uint8Array.of(byte));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await vpcd.reply()).toEqual(hex('90 00'));
    await link.remove();
  });

  test('answers 6F 00 when the card code throws', async () => {
    const card = new VirtualCard({
      atr: '3B 00',
      respond: () => {
        throw new Error('boom');
      },
    });
    const link = await card.attachToVpcd({ port: vpcd.port });
    await vpcd.send(hex('00 00 00 00'));
    expect(await vpcd.reply()).toEqual(hex('6F 00'));
    await link.remove();
  });

  test('remove() hangs up and insert() connects again', async () => {
    const link = await attachToVpcd(seedTestApplet(), { port: vpcd.port });
    const first = await vpcd.card();
    const hungUp = new Promise((resolve) => first.once('close', resolve));
    await link.remove();
    await hungUp;
    expect(link.connected).toBe(false);
    await expect(link.whenActivated(50)).rejects.toThrow(/insert/);

    await link.insert();
    expect(link.connected).toBe(true);
    expect(await vpcd.card()).not.toBe(first);
    await link.remove();
  });

  test('notices when vpcd hangs up, and rejects pending activation waits', async () => {
    const link = await attachToVpcd(seedTestApplet(), { port: vpcd.port });
    const activated = link.whenActivated(1000);
    (await vpcd.card()).destroy();
    await expect(activated).rejects.toThrow(/left vpcd/);
    expect(link.connected).toBe(false);
  });

  test('says why when pcscd keeps polling a card it never powers up (a swap it did not see)', async () => {
    const link = await attachToVpcd(seedTestApplet(), { port: vpcd.port });
    const activated = link.whenActivated(300);
    // Presence checks only: pcscd took the slot for the card before and sees no insertion.
    await vpcd.send(Uint8Array.of(4), Uint8Array.of(4), Uint8Array.of(4));
    for (let poll = 0; poll < 3; poll += 1) await vpcd.reply();
    await expect(activated).rejects.toThrow(/polled the card 3 times but never powered it.*before pcscd saw the slot empty/);
    await link.remove();
  });

  test('keeps trying until vpcd listens', async () => {
    const port = vpcd.port;
    await vpcd.close();
    const attaching = attachToVpcd(seedTestApplet(), { port, timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    vpcd = new FakeVpcd();
    await vpcd.listen(port);
    const link = await attaching;
    expect(link.connected).toBe(true);
    await link.remove();
  });

  test('gives up after timeoutMs when nothing listens', async () => {
    const port = vpcd.port;
    await vpcd.close();
    await expect(attachToVpcd(seedTestApplet(), { port, timeoutMs: 100 })).rejects.toThrow(/Could not reach vpcd/);
  });
});
