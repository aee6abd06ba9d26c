import type { ContextId, PcscDriver } from '../driver/pcsc-driver';
import { isServiceLoss } from '../errors/code-kinds';
import { unwrap } from './check';

/** The application's PC/SC context: established on first use and again after the service was lost. */
export class ServiceContext {
  private current: ContextId | undefined;
  private establishing: Promise<ContextId> | undefined;
  private contexts = 0;

  constructor(
    private readonly driver: PcscDriver,
    /** Told when a call shows that the service behind the context is gone. */
    private readonly onLoss: (code: number, call: string) => void = () => undefined,
  ) {}

  /**
   * How many contexts were established so far. A new one means the old one died, most often
   * with the service: every card handle made under an older generation belongs to it and is dead.
   */
  get generation(): number {
    return this.contexts;
  }

  get established(): boolean {
    return this.current !== undefined;
  }

  async get(): Promise<ContextId> {
    if (this.current !== undefined) return this.current;
    this.establishing ??= this.driver.establishContext().then(
      (outcome) => {
        this.establishing = undefined;
        const context = unwrap(outcome, 'SCardEstablishContext');
        this.current = context;
        this.contexts += 1;
        return context;
      },
      (error: unknown) => {
        this.establishing = undefined;
        throw error;
      },
    );
    return this.establishing;
  }

  /**
   * Runs a context call. If the context died with the service, establishes a new one and tries
   * once more (pcscd may already be back); a loss either time is reported through `onLoss`.
   */
  async use<T extends { rc: number }>(call: (context: ContextId) => Promise<T>, name = 'SCard'): Promise<T> {
    const context = await this.get();
    const first = await call(context);
    if (!isServiceLoss(first.rc)) return first;
    this.forget(context);
    this.onLoss(first.rc, name);
    return call(await this.get());
  }

  /** Drops a dead context (its release is attempted but not awaited for success). */
  forget(context: ContextId | undefined = this.current): void {
    if (context === undefined || this.current !== context) return;
    this.current = undefined;
    void this.driver.releaseContext(context).catch(() => undefined);
  }

  async release(): Promise<void> {
    const context = this.current;
    this.current = undefined;
    if (context !== undefined) await this.driver.releaseContext(context);
  }
}
