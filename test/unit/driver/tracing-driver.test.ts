import { Pcsc } from '../../../src/compose/pcsc';
import { TracingDriver, withTracing, type ApduTraceEntry } from '../../../src/driver/tracing-driver';
import { SimulatedPcsc } from '../../../src/simulator';
import { seedTestApplet } from '../../../src/testing';
import { COMMAND, SELECT } from '../../fixtures/seed';

function simulatorWithCard(): SimulatedPcsc {
  const sim = new SimulatedPcsc();
  sim.addReader('Reader').insert(seedTestApplet());
  return sim;
}

describe('APDU trace', () => {
  it('hands every command and its answer to the trace function', async () => {
    const entries: ApduTraceEntry[] = [];
    const pcsc = await Pcsc.open({ driver: simulatorWithCard().driver(), trace: (entry) => entries.push(entry) });
    try {
      const card = await pcsc.connect('Reader 00 00');
      await card.transmit(SELECT);
      await card.transmit(COMMAND);
    } finally {
      await pcsc.close();
    }
    expect(
      entries.map((entry) => [Buffer.from(entry.command).toString('hex'), entry.response && Buffer.from(entry.response).toString('hex'), entry.rc]),
    ).toEqual([
      ['00a4040006a000000018ff', '9000', 0],
      ['8034000e0e', '000102030405060708090a0b0c0d9000', 0],
    ]);
    expect(entries.every((entry) => entry.durationMs >= 0)).toBe(true);
  });

  it('prints commands and answers to stderr with trace: true', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const pcsc = await Pcsc.open({ driver: simulatorWithCard().driver(), trace: true });
    try {
      await (await pcsc.connect('Reader 00 00')).transmit(SELECT);
    } finally {
      spy.mockRestore();
      await pcsc.close();
    }
    expect(written.join('')).toMatch(/resilient-pcsc apdu > 00 A4 04 00 06 A0 00 00 00 18 FF\nresilient-pcsc apdu < 90 00 \(\d+\.\d{3} ms\)\n/);
  });
});

describe('port call log', () => {
  it('logs each call with its result code and duration', async () => {
    const lines: string[] = [];
    const log = Object.assign((format: string, ...values: unknown[]) => lines.push([format, ...values].join('|')), { enabled: true });
    const driver = withTracing(simulatorWithCard().driver(), false, log);
    expect(driver).toBeInstanceOf(TracingDriver);
    const context = await driver.establishContext();
    if (!context.ok) throw new Error('no context');
    await driver.connect(context.value, 'No such reader', 2, 3);
    await driver.releaseContext(context.value);
    expect(lines[0]).toMatch(/^%s\(%s\) -> %s in %s ms\|SCardEstablishContext\|\|SCARD_S_SUCCESS \(0x00000000\)\|\d+\.\d{3}$/);
    expect(lines[1]).toContain('SCardConnect|');
    expect(lines[1]).toContain('SCARD_E_UNKNOWN_READER (0x80100009)');
    expect(lines[2]).toContain('SCardReleaseContext|');
  });

  it('leaves the driver undecorated when neither the log nor the trace is on', () => {
    const driver = simulatorWithCard().driver();
    expect(
      withTracing(
        driver,
        false,
        Object.assign(() => undefined, { enabled: false }),
      ),
    ).toBe(driver);
  });
});
