import type { Outcome } from '../../driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_E_NO_SERVICE, SCARD_E_SHARING_VIOLATION, SCARD_F_COMM_ERROR } from '../../driver/return-codes';
import { fail, WAIT_FOR_CHANGE, type ServerReply } from '../service/outcome';
import type { SimulatedService } from '../service/simulated-service';
import type { ClientContext, ClientHandle } from './client-context';

export type Attempt<T> = () => Outcome<T>;

function resolved<T>(value: T): Promise<T> {
  return Promise.resolve(value);
}

/**
 * How libpcsclite carries a call to the service: through the context's mutex, refusing dead
 * contexts, retrying while another handle's transaction is in the way, or waiting while the
 * service holds the call. Calls that finish at once stay synchronous up to one resolved promise.
 */
export class ContextCalls {
  constructor(private readonly service: SimulatedService) {}

  /** Why a call through this context cannot reach the service, if it cannot. */
  refusal(context: ClientContext): number | undefined {
    if (context.closed) return SCARD_E_INVALID_HANDLE;
    if (!this.service.isAlive(context.epoch)) return this.service.deadContextCode(context.epoch);
    return undefined;
  }

  live<T>(context: ClientContext, attempt: Attempt<T>): Outcome<T> {
    const refusal = this.refusal(context);
    return refusal === undefined ? attempt() : fail(refusal);
  }

  liveHandle<T>(handle: ClientHandle, attempt: Attempt<T>): Outcome<T> {
    if (!handle.open) return fail(SCARD_E_INVALID_HANDLE);
    return this.live(handle.context, attempt);
  }

  /** A call that never waits, queued behind a waiting call on the same context if there is one. */
  now<R>(context: ClientContext, attempt: () => R): Promise<R> {
    if (context.gate.isFree) return resolved(attempt());
    return context.gate.run(async () => attempt());
  }

  /**
   * libpcsclite keeps asking again while the service answers SCARD_E_SHARING_VIOLATION (another
   * handle's transaction), releasing the context between attempts.
   */
  retrying<T>(handle: ClientHandle, attempt: Attempt<T>): Promise<Outcome<T>> {
    const context = handle.context;
    if (context.gate.isFree) {
      const result = this.liveHandle(handle, attempt);
      if (result.rc !== SCARD_E_SHARING_VIOLATION) return resolved(result);
      return this.retryAfterChange(handle, attempt, this.service.changes.version);
    }
    return context.gate
      .run(async () => ({ result: this.liveHandle(handle, attempt), version: this.service.changes.version }))
      .then(({ result, version }) => (result.rc === SCARD_E_SHARING_VIOLATION ? this.retryAfterChange(handle, attempt, version) : result));
  }

  /** A call the service itself holds until the reader is free, keeping the context busy meanwhile. */
  waitingOnServer<T>(context: ClientContext, attempt: () => ServerReply<Outcome<T>>): Promise<Outcome<T>> {
    if (context.gate.isFree) {
      const refusal = this.refusal(context);
      if (refusal !== undefined) return resolved(fail(refusal));
      const first = attempt();
      if (first !== WAIT_FOR_CHANGE) return resolved(first);
    }
    return context.gate.run(async () => {
      let waited = false;
      for (;;) {
        const refusal = this.refusal(context);
        if (refusal !== undefined) {
          // the service died under a waiting call: the socket closed before any answer
          return fail(waited && refusal === SCARD_E_NO_SERVICE ? SCARD_F_COMM_ERROR : refusal);
        }
        const reply = attempt();
        if (reply !== WAIT_FOR_CHANGE) return reply;
        waited = true;
        await this.service.changes.whenChangedSince(this.service.changes.version);
      }
    });
  }

  private async retryAfterChange<T>(handle: ClientHandle, attempt: Attempt<T>, version: number): Promise<Outcome<T>> {
    await this.service.changes.whenChangedSince(version);
    return this.retrying(handle, attempt);
  }
}
