import { startPcscd, stopPcscd } from '../harness/pcscd';
import { Pcsc } from '../../src/compose/pcsc';
import { WorkerDriver } from '../../src/adapters/worker';
import { seedTestApplet } from '../../src/testing/sample-cards';
import type { VirtualCard } from '../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import { REAL_DRIVERS } from '../harness/drivers';
import { COMMAND, SELECT } from '../fixtures/seed';
import { NoServiceError } from '../../src/errors/pcsc-error';
import { SCARD_E_INVALID_HANDLE } from '../../src/driver/return-codes';

const READER = 'Virtual PCD 00 00';
const COUNTING = Array.from({ length: 14 }, (_, i) => i);

jest.setTimeout(60_000);

async function waitForCard(pcsc: Pcsc): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await pcsc.listReaders()).some((reader) => reader.name === READER && reader.state === 'present')) {
    if (Date.now() > deadline) throw new Error('the virtual card never showed up in the reader');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(REAL_DRIVERS)('worker isolation on the real pcscd through %s', (driver) => {
  let card: VirtualCard;
  let slot: VpcdAttachment;
  const open: Pcsc[] = [];
  const application = async (isolation: 'worker' | 'in-process' = 'worker'): Promise<Pcsc> => {
    const pcsc = await Pcsc.open({ driver, isolation, quirks: 'none' });
    open.push(pcsc);
    return pcsc;
  };

  beforeAll(async () => {
    await startPcscd();
    card = seedTestApplet();
    slot = await attachToVpcd(card);
  });

  afterEach(async () => {
    for (const pcsc of open.splice(0)) await pcsc.close();
  });

  afterAll(async () => {
    await slot.remove();
    await stopPcscd();
  });

  it('lists the readers and transmits the seed applet commands from the worker', async () => {
    const pcsc = await application();
    expect(pcsc.driver).toBeInstanceOf(WorkerDriver);
    expect((pcsc.driver as WorkerDriver).innerName).toBe(driver);
    await waitForCard(pcsc);
    const connection = await pcsc.connect(READER);
    expect((await connection.transmit(SELECT)).sw).toBe(0x9000);
    expect([...(await connection.transmit(COMMAND)).data]).toEqual(COUNTING);
  });

  it('recovers after the worker is killed: the old card is gone, the application connects again', async () => {
    const pcsc = await application();
    await waitForCard(pcsc);
    const worker = pcsc.driver as WorkerDriver;
    const connection = await pcsc.connect(READER);
    await connection.transmit(SELECT);
    const pid = worker.pid as number;
    const exited = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (worker.pid === undefined) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    process.kill(pid, 'SIGKILL');
    await exited;
    // The handle died with the worker: a lost service, whatever the dead handle answered (kept as returnCode).
    const lost = connection.transmit(COMMAND);
    await expect(lost).rejects.toBeInstanceOf(NoServiceError);
    await expect(lost).rejects.toMatchObject({ codeName: 'SCARD_E_NO_SERVICE', returnCode: SCARD_E_INVALID_HANDLE });
    await waitForCard(pcsc);
    expect(worker.pid).not.toBe(pid);
    const again = await pcsc.connect(READER);
    expect((await again.transmit(SELECT)).sw).toBe(0x9000);
    expect([...(await again.transmit(COMMAND)).data]).toEqual(COUNTING);
  });
});
