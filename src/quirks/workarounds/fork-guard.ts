import { ForwardingDriver } from '../../driver/forwarding-driver';
import type { ContextId, Outcome } from '../../driver/pcsc-driver';
import { SCARD_E_NO_SERVICE, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { ForkedContextError } from '../../core/errors/pcsc-error';

const ADVICE =
  "PC/SC is not usable after fork() on this platform. Open Pcsc in the child with { isolation: 'worker' } " +
  "(or 'auto'), which sets the context up in a freshly exec'd worker process.";

/**
 * Remembers which process established each context. A context used from another process, or a
 * SCARD_E_NO_SERVICE from SCardEstablishContext in a child of the process that first used PC/SC,
 * is reported as ForkedContextError with the way out.
 */
export class ForkGuard extends ForwardingDriver {
  private readonly owners = new Map<ContextId, number>();

  constructor(
    inner: ConstructorParameters<typeof ForwardingDriver>[0],
    private readonly currentPid: () => number = () => process.pid,
  ) {
    super(inner);
  }

  override async establishContext(): Promise<Outcome<ContextId>> {
    const outcome = await this.inner.establishContext();
    if (outcome.rc === SCARD_S_SUCCESS && outcome.value !== undefined) this.owners.set(outcome.value, this.currentPid());
    else if (outcome.rc === SCARD_E_NO_SERVICE && this.looksForked()) {
      throw new ForkedContextError(SCARD_E_NO_SERVICE, 'SCARD_E_NO_SERVICE', `SCardEstablishContext: Service not available in a forked process. ${ADVICE}`, 'SCardEstablishContext');
    }
    return outcome;
  }

  override listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    this.assertOwner(context);
    return this.inner.listReaders(context);
  }

  override connect(context: ContextId, reader: string, shareMode: number, protocols: number) {
    this.assertOwner(context);
    return this.inner.connect(context, reader, shareMode, protocols);
  }

  override getStatusChange(...args: Parameters<ForwardingDriver['getStatusChange']>) {
    this.assertOwner(args[0]);
    return this.inner.getStatusChange(...args);
  }

  override releaseContext(context: ContextId): Promise<number> {
    this.owners.delete(context);
    return this.inner.releaseContext(context);
  }

  private looksForked(): boolean {
    return this.inner.platform.forkedChild === true;
  }

  private assertOwner(context: ContextId): void {
    const owner = this.owners.get(context);
    if (owner !== undefined && owner !== this.currentPid()) {
      throw new ForkedContextError(
        SCARD_E_NO_SERVICE,
        'SCARD_E_NO_SERVICE',
        `This PC/SC context was established by process ${owner} and is used from process ${this.currentPid()}. ${ADVICE}`,
      );
    }
  }
}
