import { Pcsc } from '../../src/compose/pcsc';
import { InvalidArgumentError } from '../../src/errors/invalid-argument-error';
import { configure, readers, shutdown } from '../../src/pyscard';
import { SCardConnect, SCardEstablishContext, SCardReleaseContext } from '../../src/pyscard/scard';
import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../src/driver/scard-constants';
import { coreCall, countUnhandled, describeCounts, expectClean, facadeCall, fuzz, fuzzRuns, type FuzzCounts } from '../fixtures/api-fuzz';
import { SELECT } from '../fixtures/seed';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';

const RUNS = fuzzRuns(1_000);
const NUL_NAME = 'Virtual PCD 00 00\u0000 some other reader';

function report(what: string, counts: FuzzCounts, reached: number, unhandled: number): void {
  console.log(describeCounts(what, counts, reached, unhandled));
  expectClean(counts, reached, unhandled);
}

describe.each(REAL_DRIVERS)('wrong input on the real pcscd through %s', (driver) => {
  const harness = withHarness();

  it('a reader name with a NUL byte is InvalidArgumentError on every path and nothing reaches the card', async () => {
    const pcsc = await Pcsc.open({ driver });
    try {
      await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
      const before = harness.card.commandCount;
      await expect(pcsc.connect(NUL_NAME)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(pcsc.connect({ name: NUL_NAME, state: 'present', atr: undefined } as never)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(pcsc.waitForCard({ reader: NUL_NAME, timeout: 10 })).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(pcsc.connect('x'.repeat(129))).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(pcsc.connect('Virtual PCD \uD800 00')).rejects.toBeInstanceOf(InvalidArgumentError);

      await configure({ pcsc });
      const [, hcontext] = await SCardEstablishContext(2);
      await expect(SCardConnect(hcontext, NUL_NAME, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)).rejects.toBeInstanceOf(InvalidArgumentError);
      await SCardReleaseContext(hcontext);
      await shutdown();

      expect(harness.card.commandCount).toBe(before);
      // The real name still works, so the refusals above were about the name alone.
      const card = await pcsc.connect(harness.readerName);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    } finally {
      await pcsc.close();
    }
  }, 60_000);

  it(`fuzz: ${RUNS} wrong inputs to the core and ${RUNS} to the PySCard facade reject with library errors`, async () => {
    const pcsc = await Pcsc.open({ driver });
    try {
      await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
      const card = await pcsc.connect(harness.readerName);
      await configure({ pcsc });
      const connection = (await readers()).find((reader) => String(reader) === harness.readerName)!.createConnection();
      await connection.connect();
      const [, hcontext] = await SCardEstablishContext(2);
      const [, hcard, protocol] = await SCardConnect(hcontext, harness.readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);

      let before = harness.card.commandCount;
      let counts: FuzzCounts | undefined;
      let unhandled = await countUnhandled(async () => {
        counts = await fuzz(coreCall(), { pcsc, card, reader: harness.readerName, openDriver: () => driver }, RUNS, 31);
      });
      report(`real pcscd (${driver}) core fuzz`, counts as FuzzCounts, harness.card.commandCount - before, unhandled);

      before = harness.card.commandCount;
      unhandled = await countUnhandled(async () => {
        counts = await fuzz(facadeCall(), { connection, hcontext, hcard, protocol, reader: harness.readerName }, RUNS, 37);
      });
      report(`real pcscd (${driver}) PySCard fuzz`, counts as FuzzCounts, harness.card.commandCount - before, unhandled);

      await connection.disconnect();
      await SCardReleaseContext(hcontext);
      await shutdown();
    } finally {
      await pcsc.close();
    }
  }, 600_000);
});
