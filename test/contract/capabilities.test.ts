/**
 * A call a binding lacks: the capability flag says so, the port answers
 * SCARD_E_UNSUPPORTED_FEATURE and the core raises UnsupportedFeatureError; a call it has works.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { UnsupportedFeatureError } from '../../src/errors';
import { seedTestApplet } from '../../src/testing/sample-cards';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { waitForReaderState } from '../fixtures/seed';
import { driversUnderTest } from './real-world';
import { CONTRACT_READERS } from './simulated-world';

jest.setTimeout(60_000);

afterAll(() => stopPcscd());

describe.each(driversUnderTest().map((driver) => [driver.label, driver] as const))('%s: capabilities and the core', (_label, driver) => {
  let slot: VpcdAttachment | undefined;
  let pcsc: Pcsc | undefined;

  beforeAll(async () => {
    await stopPcscd();
    await startPcscd();
    slot = await attachToVpcd(seedTestApplet());
  });

  afterAll(async () => {
    await pcsc?.close();
    await slot?.remove();
  });

  it('refuses a missing SCardStatus with UnsupportedFeatureError and answers one it has', async () => {
    pcsc = await Pcsc.open({ driver: driver.binding, isolation: driver.isolation, quirks: 'none' });
    await waitForReaderState(pcsc, CONTRACT_READERS[0], (state) => state === 'present');
    const card = await pcsc.connect(CONTRACT_READERS[0]);
    if (pcsc.capabilities.status) {
      expect(Buffer.from((await card.status()).atr).toString('hex')).toBe('3b8080010101');
    } else {
      await expect(card.status()).rejects.toBeInstanceOf(UnsupportedFeatureError);
    }
    expect((await card.transmit('00 A4 04 00 06 A0 00 00 00 18 FF')).sw).toBe(0x9000);
    await card.disconnect();
  });
});
