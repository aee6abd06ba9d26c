/**
 * pcscd dies and comes back; the application reconnects its card as soon as the new daemon
 * answers, before the library's own recovery tries again (its backoff is 3 s here). That
 * reconnect made a context with the new daemon: recovery must take it over, not release it and
 * establish yet another one, which would kill the card the application just reconnected.
 */
import { Pcsc } from '../../src/compose/pcsc';
import type { Card } from '../../src/core/card';
import { NoServiceError } from '../../src/errors/pcsc-error';
import { REAL_DRIVERS } from '../harness/drivers';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { withHarness } from '../harness/with-harness';
import { COMMAND, SELECT } from '../fixtures/seed';

const harness = withHarness();
const RECOVERY_DELAY_MS = 3000;
/** Only against a hang: the new daemon answers within a second or two. */
const RECONNECT_GUARD_MS = 20_000;

jest.setTimeout(90_000);

async function reconnectOnceServed(card: Card): Promise<void> {
  const deadline = Date.now() + RECONNECT_GUARD_MS;
  for (;;) {
    try {
      await card.reconnect();
      return;
    } catch (error) {
      if (!(error instanceof NoServiceError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const CASES = REAL_DRIVERS.flatMap(
  (driver) =>
    [
      [driver, 'without'],
      [driver, 'with'],
    ] as const,
);

describe.each(CASES)('a reconnect made before recovery retries (%s, %s the reader monitor)', (driver, monitor) => {
  it('keeps working after recovery runs, with one service-lost and one service-restored', async () => {
    const pcsc = await Pcsc.open({ driver, quirks: 'none', recovery: { minDelayMs: RECOVERY_DELAY_MS, maxDelayMs: RECOVERY_DELAY_MS } });
    const seen: string[] = [];
    pcsc.on('service-lost', () => seen.push('service-lost'));
    pcsc.on('service-restored', () => seen.push('service-restored'));
    if (monitor === 'with') pcsc.monitor();
    try {
      const card = await pcsc.connect(harness.readerName);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);

      await stopPcscd('SIGKILL');
      // The application learns of the loss while the daemon is down: recovery's first try fails.
      await expect(card.transmit(COMMAND)).rejects.toBeInstanceOf(NoServiceError);
      await harness.attachment.remove();
      await startPcscd();
      await harness.insertCard();

      await reconnectOnceServed(card);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      // Recovery's next try comes RECOVERY_DELAY_MS after its first; wait until it has restored the service.
      while (!pcsc.serviceAvailable) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect((await card.transmit(COMMAND)).sw).toBe(0x9000);
      expect(card.isAlive).toBe(true);
      expect(seen).toEqual(['service-lost', 'service-restored']);
    } finally {
      await pcsc.close();
    }
  });
});
