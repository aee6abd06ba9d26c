import { startPcscd, stopPcscd } from '../harness/pcscd';
import type { Card } from '../../src/core/card';
import { Pcsc } from '../../src/core/pcsc';
import { WorkerDriver } from '../../src/driver/adapters/worker';
import { seedTestApplet } from '../../src/testing/sample-cards';
import type { VirtualCard } from '../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';

const READER = 'Virtual PCD 00 00';
const SELECT = '00 A4 04 00 06 A0 00 00 00 18 FF';
const COMMAND = '80 34 00 0E 0E';
const COUNTING = Array.from({ length: 14 }, (_, i) => i);

jest.setTimeout(60_000);

async function waitForCard(pcsc: Pcsc): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await pcsc.listReaders()).some((reader) => reader.name === READER && reader.state === 'present')) {
    if (Date.now() > deadline) throw new Error('the virtual card never showed up in the reader');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ROUNDS = 5;
const APDUS_PER_ROUND = 1_000;

/** APDUs per second a card answers, one command after the other. */
async function apdusPerSecond(card: Card): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < APDUS_PER_ROUND; i += 1) await card.transmit(COMMAND);
  return APDUS_PER_ROUND / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Best rate of each card over alternating rounds, so a busy moment of the machine hits both alike. */
async function bestRates(cards: readonly Card[]): Promise<number[]> {
  const best = cards.map(() => 0);
  for (const card of cards) {
    await card.transmit(SELECT);
    for (let i = 0; i < 200; i += 1) await card.transmit(COMMAND);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, card] of cards.entries()) best[i] = Math.max(best[i] ?? 0, await apdusPerSecond(card));
  }
  return best;
}

describe.each(['pcsclite', 'smartcard'] as const)('worker isolation on the real pcscd through %s', (driver) => {
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
        if (worker.pid === undefined) resolve(clearInterval(poll));
      }, 10);
    });
    process.kill(pid, 'SIGKILL');
    await exited;
    await expect(connection.transmit(COMMAND)).rejects.toMatchObject({ codeName: 'SCARD_E_INVALID_HANDLE' });
    await waitForCard(pcsc);
    expect(worker.pid).not.toBe(pid);
    const again = await pcsc.connect(READER);
    expect((await again.transmit(SELECT)).sw).toBe(0x9000);
    expect([...(await again.transmit(COMMAND)).data]).toEqual(COUNTING);
  });

  it('keeps most of the in-process APDU throughput', async () => {
    const inProcess = await application('in-process');
    const isolated = await application('worker');
    await waitForCard(inProcess);
    const [direct = 0, viaWorker = 0] = await bestRates([await inProcess.connect(READER), await isolated.connect(READER)]);
    process.stdout.write(
      `${driver}: in-process ${direct.toFixed(0)} APDU/s, worker ${viaWorker.toFixed(0)} APDU/s, ratio ${(viaWorker / direct).toFixed(2)}\n`,
    );
    expect(viaWorker / direct).toBeGreaterThan(0.5);
  });
});
