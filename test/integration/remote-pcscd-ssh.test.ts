/**
 * Readers on "another machine": the test pcscd reached through an SSH-forwarded unix socket (sshd
 * on loopback, `ssh -N -L`), the recipe of docs/remote-readers.md. Through the forward: transmit,
 * card events, transactions against a local client, the facade and the CLI; and the link dropped
 * (ssh killed) then brought back: NoServiceError and 'service-lost', then 'service-restored'.
 */
import { Pcsc } from '../../src/compose/pcsc';
import type { ReaderInfo } from '../../src/core/reader-info';
import { NoServiceError } from '../../src/errors';
import * as pyscard from '../../src/pyscard';
import { PCSCD_SOCKET } from '../harness/pcscd';
import { startSshLink, type SshLink } from '../harness/ssh-forward';
import { withHarness } from '../harness/with-harness';
import { runCli } from '../unit/cli/run-cli';
import { COMMAND, COUNTING, hex, SELECT } from '../fixtures/seed';

const harness = withHarness();
const RECOVERY = { minDelayMs: 50, maxDelayMs: 500 } as const;
/** Long enough for a blocked command to have reached the card if the lock let it. */
const CHANCE_MS = 500;

jest.setTimeout(90_000);

let link: SshLink;
beforeAll(async () => {
  link = await startSshLink(PCSCD_SOCKET);
  await link.forward();
}, 30_000);
afterAll(async () => {
  await link?.close();
});

function openRemote(): Promise<Pcsc> {
  return Pcsc.open({ driver: 'pcscd', socket: link.localSocket, label: 'remote', quirks: 'none', recovery: RECOVERY, requireService: true });
}

function nextEvent<T>(pcsc: Pcsc, event: 'card-inserted' | 'card-removed' | 'service-lost'): Promise<T> {
  return new Promise((resolve) => pcsc.once(event, (...args: unknown[]) => resolve(args[0] as T)));
}

function tagged(tag: number): string {
  return `80 CA 00 ${tag.toString(16).padStart(2, '0')} 00`;
}

/** Positions in the card's log of the commands carrying `tag`. */
function positions(tag: number): number[] {
  return harness.card.log.flatMap((entry, index) => (entry.command[1] === 0xca && entry.command[3] === tag ? [index] : []));
}

describe("the 'pcscd' driver through an SSH-forwarded socket", () => {
  it('lists the readers labelled with their service beside a local Pcsc, and transmits', async () => {
    const remote = await openRemote();
    const local = await Pcsc.open({ driver: 'pcscd', quirks: 'none' });
    try {
      const remoteReaders = await remote.listReaders();
      const localReaders = await local.listReaders();
      expect(remoteReaders.map((reader) => reader.name)).toEqual(localReaders.map((reader) => reader.name));
      const reader = remoteReaders.find((candidate) => candidate.name === harness.readerName);
      expect(reader).toMatchObject({ service: 'remote', state: 'present' });
      expect(localReaders.every((candidate) => candidate.service === undefined)).toBe(true);

      const card = await remote.connect(reader!);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      const answer = await card.transmit(COMMAND);
      expect([hex(answer.data), answer.sw]).toEqual([COUNTING, 0x9000]);
      await card.disconnect();
    } finally {
      await Promise.all([remote.close(), local.close()]);
    }
  });

  it('reports a card taken out and put back, labelled with the service', async () => {
    const remote = await openRemote();
    try {
      await remote.waitForCard({ reader: harness.readerName, timeout: 10_000 });
      const removed = nextEvent<ReaderInfo>(remote, 'card-removed');
      await harness.removeCard();
      expect(await removed).toMatchObject({ name: harness.readerName, service: 'remote', state: 'empty' });
      const inserted = nextEvent<ReaderInfo>(remote, 'card-inserted');
      await harness.insertCard();
      expect(await inserted).toMatchObject({ name: harness.readerName, service: 'remote', state: 'present' });
    } finally {
      await remote.close();
    }
  });

  it("a transaction through the forward keeps a local client's command out until it ends", async () => {
    const remote = await openRemote();
    const local = await Pcsc.open({ driver: 'pcscd', quirks: 'none' });
    try {
      const ours = await remote.connect(harness.readerName);
      const theirs = await local.connect(harness.readerName);
      let theirsSent: Promise<unknown> | undefined;
      await ours.transaction(async () => {
        await ours.transmit(tagged(0x51));
        theirsSent = theirs.transmit(tagged(0x52));
        await new Promise((resolve) => setTimeout(resolve, CHANCE_MS));
        expect(positions(0x52)).toEqual([]);
        await ours.transmit(tagged(0x51));
      });
      await theirsSent;
      const [first, last] = [positions(0x51).at(-2) ?? -1, positions(0x51).at(-1) ?? -1];
      expect(last - first).toBe(1);
      expect(positions(0x52)).toHaveLength(1);
      expect(positions(0x52)[0]).toBeGreaterThan(last);
    } finally {
      await Promise.all([remote.close(), local.close()]);
    }
  });

  it('the facade and the CLI reach the readers through the forward', async () => {
    await pyscard.configure({ socket: link.localSocket });
    try {
      expect((await pyscard.readers()).map(String)).toContain(harness.readerName);
    } finally {
      await pyscard.shutdown();
      await pyscard.configure();
    }
    const scanned = await runCli(['scan', '--once', '--json', '--socket', link.localSocket], undefined, { PCSCLITE_CSOCK_NAME: '/nonexistent/pcscd.comm' });
    expect(scanned.code).toBe(0);
    expect(scanned.stdout).toContain(harness.readerName);
  });

  it('the link dropped: NoServiceError and service-lost; the forward back: service-restored, reconnect works', async () => {
    const remote = await openRemote();
    try {
      const card = await remote.connect(harness.readerName);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      const lost = nextEvent<Error>(remote, 'service-lost');
      remote.monitor();
      await link.dropLink();

      await expect(card.transmit(COMMAND)).rejects.toBeInstanceOf(NoServiceError);
      expect(await lost).toBeInstanceOf(NoServiceError);
      expect(remote.serviceAvailable).toBe(false);
      await expect(remote.listReaders()).rejects.toBeInstanceOf(NoServiceError);

      const restored = new Promise<void>((resolve) => remote.once('service-restored', () => resolve()));
      await link.forward();
      await restored;
      expect(remote.serviceAvailable).toBe(true);
      await card.reconnect();
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      expect((await remote.listReaders()).find((reader) => reader.name === harness.readerName)).toMatchObject({ service: 'remote' });
    } finally {
      await remote.close();
    }
  });
});
