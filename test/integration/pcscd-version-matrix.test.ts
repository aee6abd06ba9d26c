/**
 * The 'pcscd' and 'winscard' drivers against other pcsc-lite releases than Debian 12's, built from
 * source by test/harness/build-pcsc-lite.sh (outside the test namespace, which has no network;
 * .ci/run does it): 2.3.3 (protocol 4.5, as in Debian 13 and Ubuntu 24.10+) and 2.5.1 (4.6, which
 * still takes 4.4 and 4.5 clients but logs a critical line for each and shows them 16 readers).
 * Debian 12's own pcscd 1.9.9 (4.4) is the baseline for the 'pcscd' driver's fallback.
 * 'winscard' loads each build's own libpcsclite (RESILIENT_PCSC_WINSCARD_LIBRARY), and PySCard runs
 * on the same build's libpcsclite (LD_LIBRARY_PATH).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Pcsc } from '../../src/compose/pcsc';
import { PcscdDriver } from '../../src/adapters/pcscd/pcscd-driver';
import { LIBRARY_ENV, loadWinscard } from '../../src/adapters/winscard/load-winscard';
import { WinscardDriver } from '../../src/adapters/winscard/winscard-driver';
import type { PcscDriver } from '../../src/driver/pcsc-driver';
import * as rc from '../../src/driver/return-codes';
import { SCARD_INFINITE, SCARD_STATE_EMPTY, SCARD_STATE_PRESENT, SCARD_STATE_UNAWARE } from '../../src/driver/scard-constants';
import { RunningScript } from '../parity/run-script';
import { pcscdOutput } from '../harness/pcscd';
import { runCli } from '../unit/cli/run-cli';
import { withHarness } from '../harness/with-harness';
import { SELECT } from '../fixtures/seed';

const ROOT = join(__dirname, '..', '..');
const BUILDS = process.env.RESILIENT_PCSC_LITE_BUILDS ?? join(ROOT, 'node_modules', '.cache', 'pcsc-lite');
const PEER = '../integration/fixtures/transaction-peer';
/** Long enough for the peer's request to reach pcscd and be refused a few times (it asks every 100 ms). */
const CHANCE_MS = 500;
/** What pcscd logs (as critical) for every client whose protocol is not its own. */
const CLIENT_VERSION_MISMATCH = 'Communication protocol mismatch';

type MatrixDriver = 'pcscd' | 'winscard';

interface Release {
  readonly release: string;
  /** The daemon's own protocol; a build directory is named after it: `<builds>/protocol-4.5/pcscd`. */
  readonly daemon: '4.4' | '4.5' | '4.6';
  /** The release build-pcsc-lite.sh builds; none for the system's own pcscd. */
  readonly built?: string;
  readonly drivers: readonly MatrixDriver[];
}

const RELEASES: readonly Release[] = [
  { release: '1.9.9 (Debian 12)', daemon: '4.4', drivers: ['pcscd'] },
  { release: '2.3.3', daemon: '4.5', built: '2.3.3', drivers: ['pcscd', 'winscard'] },
  { release: '2.5.x', daemon: '4.6', built: '2.5.1', drivers: ['pcscd', 'winscard'] },
];

const CASES = RELEASES.flatMap((release) => release.drivers.map((driver) => ({ ...release, driver })));

jest.setTimeout(120_000);

describe.each(CASES)('pcscd speaking protocol $daemon (pcsc-lite $release) through the $driver driver', ({ release, daemon, built, driver: name }) => {
  const build = built === undefined ? undefined : join(BUILDS, `protocol-${daemon}`);
  const pcscd: { pcscdPath?: string } = {};
  const savedLibrary = process.env[LIBRARY_ENV];
  beforeAll(() => {
    if (build === undefined) return;
    pcscd.pcscdPath = join(build, 'pcscd');
    const missing = [pcscd.pcscdPath, join(build, 'libpcsclite.so.1')].filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new Error(
        `No pcsc-lite ${release} build (${missing.join(', ')} missing): build it first, outside the test namespace, with ` +
          `bash test/harness/build-pcsc-lite.sh ${built ?? ''} ${build} (.ci/run does).`,
      );
    }
    if (name === 'winscard') process.env[LIBRARY_ENV] = join(build, 'libpcsclite.so.1');
  });
  afterAll(() => {
    if (savedLibrary === undefined) Reflect.deleteProperty(process.env, LIBRARY_ENV);
    else process.env[LIBRARY_ENV] = savedLibrary;
  });
  const harness = withHarness({ pcscd });

  const makeDriver = (): PcscDriver => (name === 'pcscd' ? new PcscdDriver() : new WinscardDriver());

  async function established(driver: PcscDriver): Promise<number> {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error(`SCardEstablishContext: 0x${context.rc.toString(16)}`);
    return context.value;
  }

  const clientVersion = name === 'pcscd' ? `speaks ${daemon}, the daemon's own protocol` : `loads the build's own libpcsclite (protocol ${daemon})`;

  it(`${clientVersion}, connects and transmits`, async () => {
    const driver = makeDriver();
    await established(driver);
    if (driver instanceof PcscdDriver) {
      expect(driver.lastVersion).toEqual({ major: 4, minor: Number(daemon.split('.')[1]), serverMajor: 4, serverMinor: Number(daemon.split('.')[1]) });
    } else if (build !== undefined) {
      expect(loadWinscard().file).toBe(join(build, 'libpcsclite_real.so.1'));
    }
    const pcsc = await Pcsc.open({ driver, quirks: 'none' });
    const card = await pcsc.connect(harness.readerName);
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    await pcsc.close();
    // The 'pcscd' driver offers 4.6 first: an older daemon refuses it (logging that) before it is
    // offered the daemon's own version, which later contexts offer first. A 4.6 daemon, and each
    // build's own library, log nothing.
    const mismatches = (): number =>
      pcscdOutput()
        .split('\n')
        .filter((line) => line.includes(CLIENT_VERSION_MISMATCH)).length;
    const fallback = name === 'pcscd' && daemon !== '4.6';
    expect(mismatches()).toBe(fallback ? 1 : 0);
    const later = makeDriver();
    await established(later);
    await later.dispose();
    expect(mismatches()).toBe(fallback ? 1 : 0);
  });

  it(`doctor names the ${name} driver and what it talks to`, async () => {
    const doctor = await runCli(['doctor', '--json', '--driver', name]);
    expect(doctor.code).toBe(0);
    const { driver } = JSON.parse(doctor.stdout) as {
      driver: { name: string; pcscd?: unknown; winscard?: { library: string; loadedFrom?: string; koffi?: string } };
    };
    expect(driver.name).toBe(name);
    if (name === 'pcscd') expect(driver.pcscd).toEqual({ socketPath: '/run/pcscd/pcscd.comm', protocol: daemon, serverProtocol: daemon });
    else {
      const real = join(build ?? '', 'libpcsclite_real.so.1');
      expect(driver.winscard).toEqual({ library: real, loadedFrom: real, koffi: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    }
  });

  it('card.transaction() keeps PySCard (on the same release’s libpcsclite) out', async () => {
    const pcsc = await Pcsc.open({ driver: makeDriver(), quirks: 'none' });
    const card = await pcsc.connect(harness.readerName);
    const peerEnvironment = build === undefined ? process.env : { ...process.env, LD_LIBRARY_PATH: build };
    const peer = new RunningScript('python', PEER, [harness.readerName, 'send', '52'], peerEnvironment);
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
    const driver = makeDriver();
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
    const driver = makeDriver();
    const context = await established(driver);
    await harness.restartPcscd('SIGTERM');
    expect([rc.SCARD_E_NO_SERVICE, rc.SCARD_F_COMM_ERROR]).toContain((await driver.listReaders(context)).rc);
    const again = await established(driver);
    const readers = await driver.listReaders(again);
    expect(readers.ok && readers.value).toContain(harness.readerName);
    await driver.dispose();
  });
});
