import { InvalidArgumentError } from '../../../../src/errors/invalid-argument-error';
import { Pcsc } from '../../../../src/compose/pcsc';
import { WorkerCrashedError } from '../../../../src/errors/pcsc-error';
import createFakeDriver, { createLinuxFakeDriver, EXIT_WORKER, FAKE_READER } from './fixtures/fake-driver';
import { fakeDriverSpec } from './fixtures/fake-driver-path';

jest.setTimeout(20_000);

describe('Pcsc.open({ isolation })', () => {
  const opened: Pcsc[] = [];
  const open = async (options: Parameters<typeof Pcsc.open>[0]): Promise<Pcsc> => {
    const pcsc = await Pcsc.open(options);
    opened.push(pcsc);
    return pcsc;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pcsc) => pcsc.close()));
  });

  it("'worker' refuses a driver object without a workerDriver module, saying why", async () => {
    await expect(Pcsc.open({ driver: createFakeDriver(), isolation: 'worker' })).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', message: expect.stringContaining('cannot move a PcscDriver object') }),
    );
  });

  it('rejects an unknown isolation', async () => {
    const isolation = 'sandbox' as unknown as 'worker';
    await expect(Pcsc.open({ driver: createFakeDriver(), isolation })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("'worker' runs the workerDriver module in a worker, behind the quirk workarounds", async () => {
    const pcsc = await open({ driver: createFakeDriver(), isolation: 'worker', workerDriver: fakeDriverSpec() });
    // Decorators forward the name of what they wrap; the worker reported El Capitan, so all are on.
    expect(pcsc.driver.name).toBe('worker');
    expect(pcsc.quirkProfile.enabled.forkGuard).toBe(true);
    expect((await pcsc.listReaders()).map((reader) => reader.name)).toEqual([FAKE_READER]);
    const card = await pcsc.connect(FAKE_READER);
    const response = await card.transmit('00 A4 04 00 02 3F 00');
    expect(Array.from(response.data)).toEqual([0x00, 0xa4, 0x04, 0x00, 0x02, 0x3f, 0x00]);
    expect(response.sw).toBe(0x9000);
  });

  it("'auto' uses a worker where the fork quirk applies (El Capitan)", async () => {
    const pcsc = await open({ driver: createFakeDriver(), isolation: 'auto', workerDriver: fakeDriverSpec() });
    expect(pcsc.driver.name).toBe('worker');
  });

  it("'auto' stays in-process where it does not (Linux), or when there is no module to run", async () => {
    const linux = await open({ driver: createLinuxFakeDriver(), isolation: 'auto', workerDriver: fakeDriverSpec() });
    expect(linux.driver.name).toBe('fake');
    const noModule = await open({ driver: createFakeDriver(), isolation: 'auto' });
    expect(noModule.driver.name).toBe('fake');
  });

  it('survives a worker crash: the call rejects with WorkerCrashedError, the next ones use a new worker', async () => {
    const pcsc = await open({ driver: createFakeDriver(), isolation: 'worker', workerDriver: fakeDriverSpec(), quirks: 'none' });
    const card = await pcsc.connect(FAKE_READER);
    await expect(card.transmit([EXIT_WORKER, 0x00, 0x00, 0x00])).rejects.toBeInstanceOf(WorkerCrashedError);
    expect((await pcsc.listReaders()).map((reader) => reader.name)).toEqual([FAKE_READER]);
    const again = await pcsc.connect(FAKE_READER);
    expect((await again.transmit('00 B0 00 00 00')).sw).toBe(0x9000);
  });
});
