/**
 * Driver 'auto' on Linux prefers 'pcscd' and falls back to 'winscard' when no daemon answers. A
 * program started before pcscd runs must not stay on the fallback for its whole life: once the
 * service comes up, 'auto' chooses again and 'pcscd' serves, as if the program had started then.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { seedTestApplet, type VpcdAttachment } from '../../src/testing';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { vpcdReaderName } from '../harness/with-harness';
import { SELECT } from '../fixtures/seed';

const SLOT = 35963;
const READER = vpcdReaderName(SLOT);
/** Only against a hang: recovery polls every 300 ms at most here. */
const RESTORE_GUARD_MS = 20_000;

jest.setTimeout(60_000);

describe("driver 'auto' started before pcscd", () => {
  let card: VpcdAttachment | undefined;

  afterEach(async () => {
    await card?.remove();
    card = undefined;
    await stopPcscd();
  });

  it("serves through 'pcscd' once the daemon is up, after 'winscard' while it was down", async () => {
    await stopPcscd();
    const pcsc = await Pcsc.open({ recovery: { minDelayMs: 50, maxDelayMs: 300 } });
    try {
      expect(pcsc.serviceAvailable).toBe(false);
      expect(pcsc.driverName).toBe('winscard');
      const restored = new Promise<void>((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error(`no service-restored within ${RESTORE_GUARD_MS} ms`)), RESTORE_GUARD_MS);
        pcsc.once('service-restored', () => {
          clearTimeout(guard);
          resolve();
        });
      });
      await startPcscd();
      card = await seedTestApplet().attachToVpcd({ port: SLOT });
      await card.whenActivated();
      await restored;

      expect(pcsc.driverName).toBe('pcscd');
      expect((await pcsc.listReaders()).map((reader) => reader.name)).toContain(READER);
      const connected = await pcsc.connect(READER);
      expect((await connected.transmit(SELECT)).sw).toBe(0x9000);
      expect(pcsc.capabilities.transactions).toBe(true);
      await connected.transaction(async () => expect((await connected.transmit(SELECT)).sw).toBe(0x9000));
      await connected.disconnect();
    } finally {
      await pcsc.close();
    }
  });
});
