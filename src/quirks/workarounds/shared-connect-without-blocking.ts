import { type ConnectResult, type ContextId, type Outcome, type PcscDriver, fail } from '../../driver/pcsc-driver';
import { SCARD_E_SHARING_VIOLATION, SCARD_E_TIMEOUT } from '../../driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_SHARE_SHARED, SCARD_STATE_INUSE } from '../../driver/scard-constants';
import type { QuirkNoticeSink } from '../quirk-notice';
import { HandleStateDriver } from './handle-state-driver';
import { currentEventState } from './reader-state';

/** How long a shared connect may take before it counts as blocked behind another application. */
export const SHARED_CONNECT_BOUND_MS = 3000;

/**
 * OS X 10.10.4's shared SCardConnect blocks until every other application has disconnected. A
 * reader another application uses is refused at once with SCARD_E_SHARING_VIOLATION (so the
 * caller's `waitForSharing` can wait with a timeout and an AbortSignal); a connect that still
 * blocks (the other application arrived between look and call) is given up after a bound, and
 * the handle it yields later is closed rather than leaked.
 */
export class SharedConnectWithoutBlocking extends HandleStateDriver<string> {
  // The state of each of our own open handles is its reader: sharing with ourselves does not block.
  private reported = false;

  constructor(
    inner: PcscDriver,
    private readonly notify: QuirkNoticeSink,
    private readonly boundMs = SHARED_CONNECT_BOUND_MS,
  ) {
    super(inner);
  }

  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    if (shareMode !== SCARD_SHARE_SHARED) return this.rememberOwn(context, reader, await this.inner.connect(context, reader, shareMode, protocols));
    if ((await this.usedByOthers(context, reader)) && !this.holdsHandleOn(reader)) {
      this.report(reader);
      return fail(SCARD_E_SHARING_VIOLATION);
    }
    return this.rememberOwn(context, reader, await this.bounded(this.inner.connect(context, reader, shareMode, protocols)));
  }

  private async usedByOthers(context: ContextId, reader: string): Promise<boolean> {
    return ((await currentEventState(this.inner, context, reader)) & SCARD_STATE_INUSE) !== 0;
  }

  private holdsHandleOn(reader: string): boolean {
    return this.rememberedStates().includes(reader);
  }

  private rememberOwn(context: ContextId, reader: string, outcome: Outcome<ConnectResult>): Outcome<ConnectResult> {
    if (outcome.ok) this.remember(context, outcome.value.handle, reader);
    return outcome;
  }

  private bounded(connecting: Promise<Outcome<ConnectResult>>): Promise<Outcome<ConnectResult>> {
    return new Promise((resolve) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        resolve(fail(SCARD_E_TIMEOUT));
      }, this.boundMs);
      void connecting.then((outcome) => {
        clearTimeout(timer);
        if (!late) {
          resolve(outcome);
          return;
        }
        if (outcome.ok) void this.inner.disconnect(outcome.value.handle, SCARD_LEAVE_CARD);
      });
    });
  }

  private report(reader: string): void {
    if (this.reported) return;
    this.reported = true;
    this.notify({
      quirk: 'shared-connect-blocks',
      message:
        `"${reader}" is in use by another application, and on this macOS release a shared SCardConnect would block until ` +
        'it disconnects. The connect is refused with a sharing violation instead; pass `waitForSharing` to wait for the reader.',
    });
  }
}
