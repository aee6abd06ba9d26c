import { SCARD_E_NO_READERS_AVAILABLE } from '../../driver/return-codes';
import type { PcscDriver } from '../../driver/pcsc-driver';
import { errorFromCode } from '../../errors/error-table';
import { NoServiceError } from '../../errors/pcsc-error';
import { isServiceLoss } from '../../errors/code-kinds';
import type { ServiceContext } from '../service-context';
import { abortPromise, abortReason } from './abort';
import { DEFAULT_MAX_DELAY_MS, DEFAULT_MIN_DELAY_MS, type RecoveryOptions } from './recovery-options';

export interface RecoveryListener {
  lost(error: Error): void;
  restored(): void;
}

/**
 * Tracks whether the PC/SC service answers. On a loss it re-establishes the context with
 * exponential backoff until the service answers again (or `signal` aborts).
 */
export class ServiceRecovery {
  private lostWith: Error | undefined;
  private recovering: Promise<void> | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly driver: PcscDriver,
    private readonly context: ServiceContext,
    private readonly listener: RecoveryListener,
    private readonly options: RecoveryOptions,
    /** Aborts when the Pcsc closes or the application gives up recovery. */
    private readonly signal: AbortSignal,
  ) {}

  get isUp(): boolean {
    return this.lostWith === undefined;
  }

  /** The error the service was lost with, while it is lost. */
  get lossError(): Error | undefined {
    return this.lostWith;
  }

  /**
   * Marks the service lost (once per outage) and starts recovering. Whatever code told of the loss
   * (a broken link is SCARD_F_COMM_ERROR to one client library, SCARD_E_NO_SERVICE to another),
   * the loss is a NoServiceError, with the error that told of it as its cause.
   */
  reportLoss(cause: Error): void {
    if (this.lostWith !== undefined || this.signal.aborted) return;
    const error = cause instanceof NoServiceError ? cause : new NoServiceError(`The PC/SC service is gone: ${cause.message}`, undefined, { cause });
    this.lostWith = error;
    this.context.forget();
    this.listener.lost(error);
    this.recovering = this.recover().finally(() => {
      this.recovering = undefined;
    });
  }

  /** Resolves once the service answers; rejects when `signal` or recovery's own signal aborts. */
  async whenUp(signal?: AbortSignal): Promise<void> {
    if (this.isUp) return;
    const waits: Array<Promise<void>> = [new Promise<void>((resolve) => this.waiters.add(resolve))];
    const aborts = [abortPromise(this.signal), ...(signal ? [abortPromise(signal)] : [])];
    try {
      await Promise.race([...waits, ...aborts.map((a) => a.promise)]);
    } finally {
      aborts.forEach((a) => a.dispose());
    }
  }

  /** Waits for an ongoing recovery to end (for close()). */
  async settle(): Promise<void> {
    await this.recovering?.catch(() => undefined);
  }

  private async recover(): Promise<void> {
    const minTimeout = this.options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
    const maxTimeout = Math.max(minTimeout, this.options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    const aborted = abortPromise(this.signal);
    try {
      // Loaded on the first loss, not at import: most programs never see the service go away.
      const { default: pRetry, AbortError } = await import('p-retry');
      await Promise.race([
        pRetry(
          async () => {
            if (this.signal.aborted) throw new AbortError(abortReason(this.signal));
            await this.attempt();
          },
          {
            retries: Number.POSITIVE_INFINITY,
            factor: 2,
            minTimeout,
            maxTimeout,
            // The backoff timer is cleared as soon as the Pcsc closes or recovery is given up.
            signal: this.signal,
          },
        ),
        aborted.promise,
      ]);
    } catch {
      return;
    } finally {
      aborted.dispose();
    }
    this.lostWith = undefined;
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
    this.listener.restored();
  }

  /**
   * One try: a context that lists readers (no readers is an answer too). The loss dropped the dead
   * context, so one that exists now was made since, by this recovery or by the application (a
   * card's reconnect, a listing) reaching the new service: it is kept when it answers, since
   * releasing it would end every connection made through it.
   */
  private async attempt(): Promise<void> {
    const context = await this.context.get();
    const listed = await this.driver.listReaders(context);
    if (listed.rc === 0 || listed.rc === SCARD_E_NO_READERS_AVAILABLE) return;
    this.context.forget(context);
    if (isServiceLoss(listed.rc)) throw errorFromCode(listed.rc, 'SCardListReaders');
    throw new NoServiceError(`The service answered ${errorFromCode(listed.rc).codeName} while recovering.`, 'SCardListReaders', { returnCode: listed.rc });
  }
}
