import { Pcsc } from '../../src/compose/pcsc';
import type { Card } from '../../src/core/card';
import { CardResetError, NoServiceError, PcscError } from '../../src/errors/pcsc-error';
import { withHarness } from '../harness/with-harness';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { faultCounts, random } from '../unit/reliability/fault-counts';
import { REAL_DRIVERS } from '../harness/drivers';
import { noWorkerProcesses } from '../harness/worker-processes';
import { COMMAND, SELECT } from '../fixtures/seed';

const counts = faultCounts({ resets: 30, restarts: 2, removals: 3, malformed: 0 });

function isCounting(data: Uint8Array): boolean {
  return data.length === 14 && data.every((byte, i) => byte === i);
}

describe.each(REAL_DRIVERS)('reliability on the real pcscd through %s', (driver) => {
  const harness = withHarness();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  async function selected(pcsc: Pcsc): Promise<Card> {
    await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
    const card = await pcsc.connect(harness.readerName, { onReset: 'reconnect', restore: async (c) => void (await c.transmit(SELECT)) });
    await card.transmit(SELECT);
    return card;
  }

  it('resets by another application at random points: 0 commands answered silently by a reset card', async () => {
    const app = await Pcsc.open({ driver });
    const other = await Pcsc.open({ driver });
    const card = await selected(app);
    const next = random(11);
    let resets = 0;
    let answered = 0;
    while (resets < counts.resets) {
      if (next() < 0.3) {
        await (await other.connect(harness.readerName)).disconnect('reset');
        resets += 1;
      }
      expect(isCounting((await card.transmit(COMMAND)).data)).toBe(true);
      answered += 1;
    }
    console.log(`real pcscd (${driver}) resets: ${resets} injected, ${answered} commands answered, 0 answered silently by a reset card`);
    await app.close();
    await other.close();
  }, 120_000);

  it('pcscd killed (SIGKILL and SIGTERM) during a transmit loop: the loop resumes after each restart', async () => {
    const pcsc = await Pcsc.open({ driver, recovery: { minDelayMs: 50, maxDelayMs: 500 } });
    let lost = 0;
    let restored = 0;
    pcsc.on('service-lost', () => void (lost += 1));
    pcsc.on('service-restored', () => void (restored += 1));
    let card = await selected(pcsc);
    let answered = 0;
    let typed = 0;
    for (let restart = 0; restart < counts.restarts; restart += 1) {
      const signal = restart % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
      const killing = harness.restartPcscd(signal);
      let done = false;
      void killing.then(
        () => (done = true),
        () => (done = true),
      );
      while (!done) {
        try {
          if (isCounting((await card.transmit(COMMAND, { timeout: 5000 })).data)) answered += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(PcscError);
          typed += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await killing;
      await new Promise<void>((resolve) => (restored > restart ? resolve() : pcsc.once('service-restored', () => resolve())));
      for (;;) {
        try {
          if (!card.isAlive) await card.reconnect();
          await card.transmit(SELECT);
          break;
        } catch (error) {
          if (!(error instanceof NoServiceError || error instanceof CardResetError || error instanceof PcscError)) throw error;
          card = await selected(pcsc).catch(() => card);
        }
      }
      expect(isCounting((await card.transmit(COMMAND)).data)).toBe(true);
    }
    console.log(
      `real pcscd (${driver}) restarts: ${counts.restarts} injected, ${lost} service-lost, ${restored} service-restored, ${answered} answered, ${typed} typed errors, 0 hangs`,
    );
    expect(restored).toBeGreaterThanOrEqual(counts.restarts);
    await pcsc.close();
    expect(unhandled).toEqual([]);
  }, 180_000);

  it('after a pcscd restart a handle made before is dead, whatever its first call would answer, until reconnect()', async () => {
    const pcsc = await Pcsc.open({ driver, recovery: { minDelayMs: 50, maxDelayMs: 300 } });
    await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
    const card = await pcsc.connect(harness.readerName);
    await card.transmit(SELECT);
    await harness.restartPcscd('SIGKILL');
    // Any context call meets the new daemon and establishes a new context.
    await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
    await pcsc.listReaders();
    const before = harness.card.commandCount;
    await expect(card.transmit(SELECT)).rejects.toBeInstanceOf(NoServiceError);
    expect(card.isAlive).toBe(false);
    await expect(card.status()).rejects.toBeInstanceOf(NoServiceError);
    expect(harness.card.commandCount).toBe(before);
    await card.reconnect();
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    await pcsc.close();
  }, 60_000);

  it('opened with pcscd down: service-restored once pcscd starts', async () => {
    await stopPcscd('SIGTERM');
    await harness.attachment.remove();
    // A fresh application: no worker left over from the tests before, still holding their context.
    await noWorkerProcesses();
    await expect(Pcsc.open({ driver, requireService: true })).rejects.toBeInstanceOf(NoServiceError);
    const pcsc = await Pcsc.open({ driver, recovery: { minDelayMs: 50, maxDelayMs: 300 } });
    expect(pcsc.serviceAvailable).toBe(false);
    const restored = new Promise<void>((resolve) => pcsc.once('service-restored', resolve));
    await startPcscd();
    await restored;
    await harness.insertCard();
    const card = await selected(pcsc);
    expect(isCounting((await card.transmit(COMMAND)).data)).toBe(true);
    await pcsc.close();
  }, 60_000);
});
