import { UnknownReaderError } from '../../src/errors/pcsc-error';
import { applications } from '../harness/applications';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';

describe.each(REAL_DRIVERS)('connect and waitForCard options on the real pcscd through %s', (driver) => {
  const harness = withHarness();
  const open = applications(driver);

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
