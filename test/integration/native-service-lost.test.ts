/**
 * Every driver reports the same situation the same way: pcscd killed is a 'service-lost' event
 * carrying NoServiceError (the client library's SCARD_F_COMM_ERROR for a broken socket included).
 */
import { Pcsc } from '../../src/compose/pcsc';
import { NoServiceError } from '../../src/errors/pcsc-error';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';
import { SELECT } from '../fixtures/seed';

const harness = withHarness();
jest.setTimeout(60_000);

describe.each(REAL_DRIVERS)('service-lost on the real pcscd (%s)', (driver) => {
  it('carries NoServiceError when pcscd is killed, with a monitor and a card open', async () => {
    const pcsc = await Pcsc.open({ driver, quirks: 'none', recovery: { minDelayMs: 50, maxDelayMs: 500 } });
    try {
      const card = await pcsc.connect(harness.readerName);
      await card.transmit(SELECT);
      const lost = new Promise<unknown>((resolve) => pcsc.once('service-lost', resolve));
      const restored = new Promise<void>((resolve) => pcsc.once('service-restored', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await harness.restartPcscd('SIGKILL');
      const error = await lost;
      console.log(`service-lost (${driver}): ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`);
      expect(error).toBeInstanceOf(NoServiceError);
      await restored;
    } finally {
      await pcsc.close();
    }
  });
});
