/**
 * pcsc-lite 2.5's reader table grows as readers come (protocol 4.6 reads all of it); clients of
 * 4.4 and 4.5 are shown its first 16 entries only. Here pcscd 2.5 (built by
 * test/harness/build-pcsc-lite.sh, as for the version matrix) serves 18 vpcd readers: 9 entries of
 * a reader configuration of its own, each of vpcd's two slots on its own TCP port.
 *
 * libpcsclite 2.5.1 keeps the grown array for the life of the process and answers every later
 * listing SCARD_E_UNSUPPORTED_FEATURE once a restarted pcscd has a smaller table, so 'winscard' on
 * that library runs here in a process of its own, which takes that state away with it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcscdDriver } from '../../src/adapters/pcscd/pcscd-driver';
import { WinscardDriver } from '../../src/adapters/winscard/winscard-driver';
import type { PcscDriver } from '../../src/driver/pcsc-driver';
import { SCARD_STATE_CHANGED, SCARD_STATE_EMPTY, SCARD_STATE_UNAWARE } from '../../src/driver/scard-constants';
import { pcscdOutput, startPcscd, stopPcscd } from '../harness/pcscd';
import { runFixture } from '../harness/run-fixture';
import { READER_BANK_PORTS } from '../harness/reader-bank';

const ROOT = join(__dirname, '..', '..');
const BUILD = join(process.env.RESILIENT_PCSC_LITE_BUILDS ?? join(ROOT, 'node_modules', '.cache', 'pcsc-lite'), 'protocol-4.6');
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** vpcd serves slot n of an entry on the entry's port + n. */
const FIRST_PORT = READER_BANK_PORTS.readerTableGrowth;
const ENTRIES = 9;
const READERS = ENTRIES * 2;
/** How many times to look for every reader while pcscd loads the configuration, 200 ms apart. */
const LOADING_LOOKS = 100;

jest.setTimeout(120_000);

let configDir = '';
const pcscdPath = join(BUILD, 'pcscd');

beforeAll(async () => {
  if (!existsSync(pcscdPath)) {
    throw new Error(
      `No pcscd 2.5 at ${pcscdPath}: build it first, outside the test namespace, with bash test/harness/build-pcsc-lite.sh 2.5.1 ${BUILD} (.ci/run does).`,
    );
  }
  configDir = mkdtempSync(join(tmpdir(), 'pcscd-many-readers-'));
  for (let entry = 0; entry < ENTRIES; entry++) {
    const port = FIRST_PORT + 2 * entry;
    const lines = [`FRIENDLYNAME "Vpcd ${port}"`, `DEVICENAME /dev/null:0x${port.toString(16)}`, `LIBPATH ${VPCD_DRIVER}`, `CHANNELID 0x${port.toString(16)}`];
    writeFileSync(join(configDir, `vpcd-${port}`), `${lines.join('\n')}\n`);
  }
  await startPcscd({ pcscdPath, readers: { config: configDir } });
});

afterAll(async () => {
  await stopPcscd('SIGTERM');
  rmSync(configDir, { recursive: true, force: true });
});

/** The readers once pcscd has loaded all `READERS` of them. */
async function allReaders(driver: PcscDriver, context: number): Promise<readonly string[]> {
  let names: readonly string[] = [];
  for (let look = 0; look < LOADING_LOOKS && names.length < READERS; look++) {
    if (look > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const listed = await driver.listReaders(context);
    names = listed.ok ? listed.value : [];
  }
  return names;
}

async function established(driver: PcscDriver): Promise<number> {
  const context = await driver.establishContext();
  if (!context.ok) throw new Error(`SCardEstablishContext: 0x${context.rc.toString(16)}`);
  return context.value;
}

describe('pcscd 2.5 with 18 readers', () => {
  it("the 'pcscd' driver speaks 4.6, lists all 18 and reads the state of the 18th", async () => {
    const driver = new PcscdDriver();
    const context = await established(driver);
    expect(driver.lastVersion).toMatchObject({ minor: 6, serverMinor: 6 });
    const names = await allReaders(driver, context);
    expect(names).toHaveLength(READERS);
    const last = names[READERS - 1] ?? '';
    const now = await driver.getStatusChange(context, [{ reader: last, currentState: SCARD_STATE_UNAWARE }], 0);
    expect(now.ok && (now.value[0]?.eventState ?? 0) & (SCARD_STATE_EMPTY | SCARD_STATE_CHANGED)).toBe(SCARD_STATE_EMPTY | SCARD_STATE_CHANGED);
    await driver.dispose();
    expect(pcscdOutput()).not.toMatch(/Communication protocol mismatch/);
  });

  it("'winscard' on pcsc-lite 2.5's own libpcsclite lists all 18; on Debian 12's 1.9.9 (protocol 4.4) only 16", async () => {
    const own = await runFixture('test/integration/fixtures/winscard-reader-count.ts', [join(BUILD, 'libpcsclite.so.1')], 60_000);
    expect(own.output.trim()).toBe(`readers ${READERS}`);
    const debian = new WinscardDriver({ library: 'libpcsclite.so.1' });
    const listed = await debian.listReaders(await established(debian));
    expect(listed.ok && listed.value).toHaveLength(16);
    await debian.dispose();
  });

  it("the 'pcscd' driver lists the readers of a restarted pcscd whose table is smaller", async () => {
    const driver = new PcscdDriver();
    expect(await allReaders(driver, await established(driver))).toHaveLength(READERS);
    await stopPcscd('SIGTERM');
    await startPcscd({ pcscdPath });
    const listed = await driver.listReaders(await established(driver));
    expect(listed.ok && listed.value).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
    await driver.dispose();
  });
});
