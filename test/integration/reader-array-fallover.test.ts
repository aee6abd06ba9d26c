/**
 * libpcsclite 2.5.x never shrinks its process-wide reader array: after a restarted pcscd reports a
 * smaller table, every listing in that process answers SCARD_E_UNSUPPORTED_FEATURE (PySCard too).
 * The drivers on libpcsclite fall over to 'pcscd' then, in the application's process or in the worker. Here pcscd 2.5.1 serves 18 vpcd readers,
 * restarts with the usual 2, and each libpcsclite driver, on 2.5.1's own client library, in a
 * process of its own, must list the 2.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { runFixture } from '../harness/run-fixture';
import { READER_BANK_PORTS } from '../harness/reader-bank';

const ROOT = join(__dirname, '..', '..');
const BUILD = join(process.env.RESILIENT_PCSC_LITE_BUILDS ?? join(ROOT, 'node_modules', '.cache', 'pcsc-lite'), 'protocol-4.6');
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const FIRST_PORT = READER_BANK_PORTS.readerArrayFallover;
const ENTRIES = 9;
const MANY = ENTRIES * 2;
const pcscdPath = join(BUILD, 'pcscd');

jest.setTimeout(120_000);

let configDir = '';

beforeAll(() => {
  if (!existsSync(pcscdPath)) {
    throw new Error(`No pcscd 2.5 at ${pcscdPath}: build it first with bash test/harness/build-pcsc-lite.sh 2.5.1 ${BUILD} (.ci/run does).`);
  }
  configDir = mkdtempSync(join(tmpdir(), 'reader-array-'));
  for (let entry = 0; entry < ENTRIES; entry++) {
    const port = FIRST_PORT + 2 * entry;
    const lines = [`FRIENDLYNAME "Vpcd ${port}"`, `DEVICENAME /dev/null:0x${port.toString(16)}`, `LIBPATH ${VPCD_DRIVER}`, `CHANNELID 0x${port.toString(16)}`];
    writeFileSync(join(configDir, `vpcd-${port}`), `${lines.join('\n')}\n`);
  }
});

afterEach(async () => {
  await stopPcscd('SIGTERM');
});

afterAll(() => {
  rmSync(configDir, { recursive: true, force: true });
});

describe.each([
  ['winscard', 'in-process'],
  ['pcsclite', 'in-process'],
  ['smartcard', 'in-process'],
  ['pcsclite', 'worker'],
  ['smartcard', 'worker'],
])("'%s' (%s) on libpcsclite 2.5.1 after pcscd restarts with fewer readers", (name, isolation) => {
  it('lists the smaller table instead of failing every listing with SCARD_E_UNSUPPORTED_FEATURE', async () => {
    await startPcscd({ pcscdPath, readers: { config: configDir } });
    const environment = { RESILIENT_PCSC_WINSCARD_LIBRARY: join(BUILD, 'libpcsclite.so.1'), LD_LIBRARY_PATH: BUILD };
    let restarting: Promise<void> | undefined;
    const run = await runFixture(
      'test/integration/fixtures/listing-after-smaller-table.ts',
      [name, String(MANY), isolation],
      60_000,
      (stdout) => {
        if (!restarting && stdout.includes(`listed ${MANY}`)) {
          restarting = stopPcscd('SIGTERM').then(() => startPcscd({ pcscdPath }).then(() => undefined));
        }
      },
      environment,
    );
    await restarting;
    expect(run.output).toContain(`listed ${MANY}`);
    expect(run.output.trim().split('\n').pop()).toBe('listed 2');
    expect(run.code).toBe(0);
  });
});
