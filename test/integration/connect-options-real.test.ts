import { Pcsc } from '../../src/core/pcsc';
import { UnknownReaderError } from '../../src/errors/pcsc-error';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';

describe.each(REAL_DRIVERS)('connect and waitForCard options on the real pcscd through %s', (driver) => {
  const harness = withHarness();
  const opened: Pcsc[] = [];
  const open = async (): Promise<Pcsc> => {
    const pcsc = await Pcsc.open({ driver });
    opened.push(pcsc);
    return pcsc;
  };

  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  it("connects share: 'direct' with protocols: [] (protocol 0), to a reader with a card and to an empty one", async () => {
    const pcsc = await open();
    for (const reader of [harness.readerName, 'Virtual PCD 00 01']) {
      const direct = await pcsc.connect(reader, { share: 'direct', protocols: [] });
      expect(direct.protocol).toBeUndefined();
      await direct.disconnect();
    }
  });

  it('waitForCard for a reader pcscd does not have rejects with UnknownReaderError', async () => {
    const pcsc = await open();
    const error = await pcsc.waitForCard({ reader: 'No such reader', signal: AbortSignal.timeout(10_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownReaderError);
    await expect(pcsc.waitForCard({ reader: harness.readerName })).resolves.toMatchObject({ name: harness.readerName });
  });
});
