/**
 * Every context and connection the library opens on pcscd is released when the application closes
 * it, not when a garbage collector runs: pcscd serves at most 200 clients, and a leak there refuses
 * every PC/SC program on the machine. pcscd's own file descriptors (one socket per client context)
 * are counted before and after open/close cycles and connects to reader names that do not exist;
 * then PySCard must still be able to use the card.
 */
import { execFile } from 'node:child_process';
import { Pcsc } from '../../src/compose/pcsc';
import { UnknownReaderError } from '../../src/errors/pcsc-error';
import { REAL_DRIVERS } from '../harness/drivers';
import { pcscdOpenFiles } from '../harness/pcscd';
import { withHarness } from '../harness/with-harness';

const SOAK = process.env.RESILIENT_PCSC_SOAK === '1';
/** More than pcscd's 200 clients: a context leaked per cycle would exhaust it. */
const OPEN_CLOSE_CYCLES = SOAK ? 5000 : 1000;
const UNKNOWN_READERS = 500;
/** The library's idle resources go within about a second; this only bounds a failing run. */
const SETTLE_LIMIT_MS = 15_000;

const harness = withHarness();
jest.setTimeout(SOAK ? 3_600_000 : 600_000);

/** Waits (polling) until pcscd holds no more descriptors than `baseline`; returns the last reading. */
async function settledCount(baseline: number): Promise<number> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let count = pcscdOpenFiles();
  while (count > baseline && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = pcscdOpenFiles();
  }
  return count;
}

function pyscardSelect(reader: string): Promise<string> {
  const script = [
    'from smartcard.System import readers',
    `reader = [r for r in readers() if str(r) == ${JSON.stringify(reader)}][0]`,
    'connection = reader.createConnection()',
    'connection.connect()',
    'data, sw1, sw2 = connection.transmit([0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF])',
    'print("%02X %02X" % (sw1, sw2))',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', ['-c', script], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`PySCard failed: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

describe.each(REAL_DRIVERS)('pcscd connections released on close (%s)', (driver) => {
  it(`${OPEN_CLOSE_CYCLES} open/close cycles and ${UNKNOWN_READERS} unknown reader names leave pcscd as they found it`, async () => {
    const before = await settledCount(Number.MAX_SAFE_INTEGER);
    let peak = before;
    for (let cycle = 0; cycle < OPEN_CLOSE_CYCLES; cycle++) {
      const pcsc = await Pcsc.open({ driver, quirks: 'none', requireService: true });
      await pcsc.close();
      if (cycle % 50 === 0) peak = Math.max(peak, pcscdOpenFiles());
    }
    const afterCycles = await settledCount(before);

    const pcsc = await Pcsc.open({ driver, quirks: 'none', requireService: true });
    let unknown = 0;
    for (let i = 0; i < UNKNOWN_READERS; i++) {
      const attempt = pcsc.connect(`No such reader ${i}`).then(
        () => 'connected',
        (error: unknown) => error,
      );
      if ((await attempt) instanceof UnknownReaderError) unknown++;
      if (i % 50 === 0) peak = Math.max(peak, pcscdOpenFiles());
    }
    const card = await pcsc.connect(harness.readerName);
    await card.disconnect();
    await pcsc.close();
    const afterUnknown = await settledCount(before);

    const pyscard = await pyscardSelect(harness.readerName);
    console.log(
      `pcscd clients (${driver}): ${before} fds before, ${afterCycles} after ${OPEN_CLOSE_CYCLES} open/close cycles, ` +
        `${afterUnknown} after ${UNKNOWN_READERS} unknown reader names (peak ${peak}); PySCard SELECT answered ${pyscard}`,
    );
    expect(unknown).toBe(UNKNOWN_READERS);
    expect(afterCycles).toBe(before);
    expect(afterUnknown).toBe(before);
    expect(pyscard).toBe('90 00');
  });
});
