import { ForwardingDriver } from '../../driver/forwarding-driver';
import type { ConnectResult, ContextId, HandleId, Outcome } from '../../driver/pcsc-driver';
import { SCARD_E_NO_SERVICE } from '../../driver/return-codes';
import { ForkedContextError } from '../../errors/pcsc-error';
import { HandleStateDriver } from './handle-state-driver';

const ADVICE =
  "PC/SC is not usable after fork() on this platform. Open Pcsc in the child with { isolation: 'worker' } " +
  "(or 'auto'), which sets the context up in a freshly exec'd worker process.";

/**
 * Remembers which process established each context. A context used from another process (or,
 * in a forked child, one it inherited), or a SCARD_E_NO_SERVICE from SCardEstablishContext in a
 * child of the process that first used PC/SC, is reported as ForkedContextError with the way out.
 */
export class ForkGuard extends HandleStateDriver<undefined> {
  private readonly owners = new Map<ContextId, number>();

  constructor(
    inner: ConstructorParameters<typeof ForwardingDriver>[0],
    private readonly currentPid: () => number = () => process.pid,
  ) {
    super(inner);
  }

  override async establishContext(): Promise<Outcome<ContextId>> {
    const outcome = await this.inner.establishContext();
    if (outcome.ok) this.owners.set(outcome.value, this.currentPid());
    else if (outcome.rc === SCARD_E_NO_SERVICE && this.looksForked()) {
      throw new ForkedContextError(`SCardEstablishContext: Service not available in a forked process. ${ADVICE}`, 'SCardEstablishContext');
    }
    return outcome;
  }

  override listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    this.assertOwner(context);
    return this.inner.listReaders(context);
  }

  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    this.assertOwner(context);
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    if (outcome.ok) this.remember(context, outcome.value.handle, undefined);
    return outcome;
  }

  override reconnect(...args: Parameters<ForwardingDriver['reconnect']>) {
    this.assertHandleOwner(args[0]);
    return this.inner.reconnect(...args);
  }

  override status(handle: HandleId) {
    this.assertHandleOwner(handle);
    return this.inner.status(handle);
  }

  override transmit(...args: Parameters<ForwardingDriver['transmit']>) {
    this.assertHandleOwner(args[0]);
    return this.inner.transmit(...args);
  }

  override control(...args: Parameters<ForwardingDriver['control']>) {
    this.assertHandleOwner(args[0]);
    return this.inner.control(...args);
  }

  override beginTransaction(handle: HandleId) {
    this.assertHandleOwner(handle);
    return this.inner.beginTransaction(handle);
  }

  override endTransaction(handle: HandleId, disposition: number) {
    this.assertHandleOwner(handle);
    return this.inner.endTransaction(handle, disposition);
  }

  override disconnect(handle: HandleId, disposition: number): Promise<number> {
    this.assertHandleOwner(handle);
    return super.disconnect(handle, disposition);
  }

  override getStatusChange(...args: Parameters<ForwardingDriver['getStatusChange']>) {
    this.assertOwner(args[0]);
    return this.inner.getStatusChange(...args);
  }

  override releaseContext(context: ContextId): Promise<number> {
    this.owners.delete(context);
    return super.releaseContext(context);
  }

  private looksForked(): boolean {
    return this.inner.platform.forkedChild === true;
  }

  private assertHandleOwner(handle: HandleId): void {
    this.assertOwner(this.contextOf(handle));
  }

  /** `context` undefined: a handle this process never connected. */
  private assertOwner(context: ContextId | undefined): void {
    const owner = context === undefined ? undefined : this.owners.get(context);
    if (owner === undefined && this.looksForked()) {
      // a context this process never established: inherited from the parent across fork()
      throw new ForkedContextError(`This PC/SC context was inherited from the parent process across fork(); using it can crash this process. ${ADVICE}`);
    }
    if (owner !== undefined && owner !== this.currentPid()) {
      throw new ForkedContextError(`This PC/SC context was established by process ${owner} and is used from process ${this.currentPid()}. ${ADVICE}`);
    }
  }
}
