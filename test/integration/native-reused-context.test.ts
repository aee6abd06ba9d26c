/**
 * The native bindings' worker stays a moment after its last context is released, so that the next
 * Pcsc.open() in a row does not start a process. A Pcsc opened in that moment after pcscd died must
 * still learn that the service is gone: `requireService: true` rejects with NoServiceError.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { NoServiceError } from '../../src/errors/pcsc-error';
import { stopPcscd } from '../harness/pcscd';
import { withHarness } from '../harness/with-harness';

const harness = withHarness();
const ROUNDS = 6;

jest.setTimeout(90_000);

describe.each(['pcsclite', 'smartcard'] as const)('opened right after the last close, pcscd dead meanwhile (%s)', (driver) => {
  it('rejects with NoServiceError under requireService', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const first = await Pcsc.open({ driver, quirks: 'none', requireService: true });
      await first.listReaders();
      await first.close();
      let outcome: string;
      try {
        await stopPcscd('SIGKILL');
        outcome = await Pcsc.open({ driver, quirks: 'none', requireService: true }).then(
          async (pcsc) => {
            await pcsc.close();
            return 'resolved';
          },
          (error: unknown) => (error instanceof NoServiceError ? 'NoServiceError' : String(error)),
        );
      } finally {
        await harness.restartPcscd('SIGKILL');
      }
      expect(outcome).toBe('NoServiceError');
    }
  });
});
