import { ForwardingDriver } from '../../driver/forwarding-driver';
import type { ContextId, HandleId } from '../../driver/pcsc-driver';

/** What a decorator remembers about one handle, and the context the handle was made in. */
interface Entry<State> {
  readonly context: ContextId;
  readonly state: State;
}

/**
 * A decorator that keeps state per card handle. The state is remembered after a successful
 * connect and forgotten when the handle is disconnected or its context released (which
 * disconnects its handles), so no subclass can leak it.
 */
export abstract class HandleStateDriver<State> extends ForwardingDriver {
  private readonly entries = new Map<HandleId, Entry<State>>();

  protected remember(context: ContextId, handle: HandleId, state: State): void {
    this.entries.set(handle, { context, state });
  }

  protected stateOf(handle: HandleId): State | undefined {
    return this.entries.get(handle)?.state;
  }

  protected contextOf(handle: HandleId): ContextId | undefined {
    return this.entries.get(handle)?.context;
  }

  protected rememberedStates(): State[] {
    return [...this.entries.values()].map((entry) => entry.state);
  }

  override async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const code = await this.inner.disconnect(handle, disposition);
    this.entries.delete(handle);
    return code;
  }

  override async releaseContext(context: ContextId): Promise<number> {
    const code = await this.inner.releaseContext(context);
    for (const [handle, entry] of this.entries) if (entry.context === context) this.entries.delete(handle);
    return code;
  }

  /** How many handles are remembered (for tests: none may outlive its context). */
  get rememberedHandles(): number {
    return this.entries.size;
  }
}
