/**
 * The 'pcscd' driver against other pcsc-lite releases than Debian 12's, built from source by
 * test/harness/build-pcsc-lite.sh (outside the test namespace, which has no network; .ci/run does
 * it): 2.3.3 (protocol 4.5 only, as in Debian 13 and Ubuntu 24.10+) and 2.5.x (4.6, accepting 4.4).
 * PySCard runs on the libpcsclite of the same build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Pcsc } from '../../src/core/pcsc';
import { PcscdDriver } from '../../src/driver/adapters/pcscd/pcscd-driver';
import * as rc from '../../src/driver/return-codes';
import { SCARD_INFINITE, SCARD_STATE_EMPTY, SCARD_STATE_PRESENT, SCARD_STATE_UNAWARE } from '../../src/driver/scard-constants';
import { RunningScript } from '../parity/run-script';
import { withHarness } from '../harness/with-harness';

const ROOT = join(__dirname, '..', '..');
const BUILDS = process.env.RESILIENT_PCSC_LITE_BUILDS ?? join(ROOT, 'node_modules', '.cache', 'pcsc-lite');
const SELECT = '00 A4 04 00 06 A0 00 00 00 18 FF';
const PEER = '../integration/fixtures/transaction-peer';
/** Long enough for the peer's request to reach pcscd and be refused a few times (it asks every 100 ms). */
const CHANCE_MS = 500;

/** Build directories are named after the daemon's protocol: `<builds>/protocol-4.5/pcscd`. */
const RELEASES = [
  { release: '2.3.3', spoken: '4.5', daemon: '4.5' },
  { release: '2.5.x', spoken: '4.4', daemon: '4.6' },
] as const;

jest.setTimeout(120_000);

describe.each(RELEASES)("pcscd speaking protocol $daemon (pcsc-lite $release) through the 'pcscd' driver", ({ release, spoken, daemon }) => {
  const build = join(BUILDS, `protocol-${daemon}`);
  const pcscd: { pcscdPath?: string } = {};
  beforeAll(() => {
    pcscd.pcscdPath = join(build, 'pcscd');
    if (!existsSync(pcscd.pcscdPath)) {
      throw new Error(
        `No pcscd ${release} at ${pcscd.pcscdPath}: build it first, outside the test namespace, with ` +
          `bash test/harness/build-pcsc-lite.sh ${release === '2.5.x' ? '2.5.1' : release} ${build} (.ci/run does).`,
      );
    }
  });
  const harness = withHarness({ pcscd });

  async function established(driver: PcscdDriver): Promise<number> {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error(`SCardEstablishContext: 0x${context.rc.toString(16)}`);
    return context.value;
  }

  it(`speaks ${spoken} to the ${daemon} daemon, connects and transmits`, async () => {
    const driver = new PcscdDriver();
    await established(driver);
    expect(driver.lastVersion).toMatchObject({ major: 4, minor: Number(spoken.split('.')[1]), serverMinor: Number(daemon.split('.')[1]) });
    const pcsc = await Pcsc.open({ driver, quirks: 'none' });
    const card = await pcsc.connect(harness.readerName);
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    await pcsc.close();
  });

  it('card.transaction() keeps PySCard (on the same release’s libpcsclite) out', async () => {
    const pcsc = await Pcsc.open({ driver: 'pcscd', quirks: 'none' });
    const card = await pcsc.connect(harness.readerName);
    const peer = new RunningScript('python', PEER, [harness.readerName, 'send', '52'], { ...process.env, LD_LIBRARY_PATH: build });
    try {
      await peer.waitForLine('connected');
      const theirs = (): number => harness.card.log.filter((entry) => entry.command[1] === 0xca && entry.command[3] === 0x52).length;
      await card.transaction(async () => {
        peer.sendLine();
        await peer.waitForLine('sending');
        await new Promise((resolve) => setTimeout(resolve, CHANCE_MS));
        expect(theirs()).toBe(0);
      });
      await peer.waitForLine('sent 00000000');
      expect(theirs()).toBe(1);
    } finally {
      peer.kill();
      await pcsc.close();
    }
  });

  it('reports a removal and an insertion through status-change waits', async () => {
    const driver = new PcscdDriver();
    const context = await established(driver);
    const now = await driver.getStatusChange(context, [{ reader: harness.readerName, currentState: SCARD_STATE_UNAWARE }], 0);
    const present = now.ok ? (now.value[0]?.eventState ?? 0) : 0;
    expect(present & SCARD_STATE_PRESENT).toBe(SCARD_STATE_PRESENT);
    const removal = driver.getStatusChange(context, [{ reader: harness.readerName, currentState: present }], SCARD_INFINITE);
    await harness.removeCard();
    const removed = await removal;
    const empty = removed.ok ? (removed.value[0]?.eventState ?? 0) : 0;
    expect(empty & SCARD_STATE_EMPTY).toBe(SCARD_STATE_EMPTY);
    const insertion = driver.getStatusChange(context, [{ reader: harness.readerName, currentState: empty }], SCARD_INFINITE);
    await harness.insertCard();
    const inserted = await insertion;
    expect(inserted.ok && (inserted.value[0]?.eventState ?? 0) & SCARD_STATE_PRESENT).toBe(SCARD_STATE_PRESENT);
    await driver.dispose();
  });

  it('after a restart of pcscd the old context answers as lost and a new one works', async () => {
    const driver = new PcscdDriver();
    const context = await established(driver);
    await harness.restartPcscd('SIGTERM');
    expect([rc.SCARD_E_NO_SERVICE, rc.SCARD_F_COMM_ERROR]).toContain((await driver.listReaders(context)).rc);
    const again = await established(driver);
    const readers = await driver.listReaders(again);
    expect(readers.ok && readers.value).toContain(harness.readerName);
    await driver.dispose();
  });
});
