import { NativePcscliteDriver } from '../../../../src/adapters/pcsclite/native-pcsclite-driver';
import type { NativeCallback, NativeCardReader, NativePcscLite, PcscliteAddon } from '../../../../src/adapters/pcsclite/native-types';
import { SCARD_E_NO_SERVICE } from '../../../../src/driver/return-codes';

const READER = 'Fake Reader 00 00';

/**
 * A stand-in for the `pcsclite` addon whose service can go away: new native contexts then fail as
 * the addon's constructor does, while the one already open has not told of it yet (its PnP thread
 * reports the loss a moment later).
 */
function fakeAddon(): { addon: PcscliteAddon; stopService(): void } {
  let serviceUp = true;
  class FakePcscLite implements NativePcscLite {
    constructor() {
      if (!serviceUp) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
    }
    start(callback: NativeCallback<Buffer>): void {
      setImmediate(() => callback(undefined, Buffer.from(`${READER}\0\0`)));
    }
    close(): number {
      return 0;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a reader object the code under test must never touch
  class UnusedReader implements Partial<NativeCardReader> {}
  return {
    addon: { PCSCLite: FakePcscLite, CardReader: UnusedReader as unknown as PcscliteAddon['CardReader'] },
    stopService: () => {
      serviceUp = false;
    },
  };
}

describe('pcsclite adapter: the shared native context is verified before it is handed out again', () => {
  it('answers SCARD_E_NO_SERVICE for a context established after the service went away, before the PnP thread tells', async () => {
    const { addon, stopService } = fakeAddon();
    const driver = new NativePcscliteDriver(addon);
    const first = await driver.establishContext();
    expect(first.ok).toBe(true);
    stopService();
    const second = await driver.establishContext();
    expect(second.ok ? 'established' : second.rc).toBe(SCARD_E_NO_SERVICE);
    await driver.dispose();
  });
});
