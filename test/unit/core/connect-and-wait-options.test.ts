import { Pcsc } from '../../../src/compose/pcsc';
import { UnknownReaderError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

describe('connect and waitForCard options', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function open(): Promise<Pcsc> {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader').insert(appletCard());
    sim.addReader('Empty');
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    opened.push(pcsc);
    return pcsc;
  }

  it("accepts share: 'direct' with protocols: [] (PC/SC passes 0 there) and talks to the reader", async () => {
    const pcsc = await open();
    const direct = await pcsc.connect('Empty 01 00', { share: 'direct', protocols: [] });
    expect(direct.protocol).toBeUndefined();
    await direct.disconnect();
  });

  it('waitForCard for a reader that does not exist rejects with UnknownReaderError instead of waiting', async () => {
    const pcsc = await open();
    const error = await pcsc.waitForCard({ reader: 'No such reader', signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownReaderError);
    expect((error as Error).message).toContain('"No such reader"');
    await expect(pcsc.waitForCard({ reader: 'Reader 00 00' })).resolves.toMatchObject({ name: 'Reader 00 00' });
  });
});
