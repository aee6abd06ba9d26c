import { ForwardingDriver } from '../../driver/forwarding-driver';
import type { HandleId, Outcome, PcscDriver } from '../../driver/pcsc-driver';
import { SCARD_E_NOT_TRANSACTED } from '../../driver/return-codes';
import type { QuirkNoticeSink } from '../quirk-notice';

/**
 * macOS 14.0 to 14.2 fail SCardControl with NOT_TRANSACTED. No retry helps, so the first failure
 * names the cause and the fix; the code itself is passed on unchanged.
 */
export class ControlFailureDiagnostics extends ForwardingDriver {
  private reported = false;

  constructor(
    inner: PcscDriver,
    private readonly notify: QuirkNoticeSink,
  ) {
    super(inner);
  }

  override async control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    const outcome = await this.inner.control(handle, controlCode, data);
    if (outcome.rc === SCARD_E_NOT_TRANSACTED && !this.reported) {
      this.reported = true;
      this.notify({
        quirk: 'control-not-transacted',
        message:
          `SCardControl(0x${controlCode.toString(16)}) failed with SCARD_E_NOT_TRANSACTED: a known bug of macOS 14.0 to 14.2 ` +
          '(Sonoma). Update to macOS 14.3 or later; until then, reader features (PIN pad, escape commands) are unavailable.',
      });
    }
    return outcome;
  }
}
