import type { DriverBindings, DriverName } from './driver-bindings';
import {
  type CardStatusResult,
  type ConnectResult,
  type ContextId,
  type DriverCapabilities,
  type DriverPlatform,
  type HandleId,
  type Outcome,
  type PcscDriver,
  type ReaderStateQuery,
  type ReaderStateResult,
  fail,
  succeed,
} from '../driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE } from '../driver/return-codes';
import { isServiceLoss } from '../errors/code-kinds';

/** A driver this one has built, under its binding's name. */
interface Built {
  readonly name: DriverName;
  readonly driver: PcscDriver;
}

/** What an id of this driver stands for: an id of one of the drivers it has built. */
interface Owned {
  readonly built: Built;
  readonly inner: number;
}

/** A handle, and the context it was made through (released with it). */
interface OwnedHandle extends Owned {
  readonly context: ContextId;
}

/**
 * Driver 'auto' when it had to pass over a driver that comes first in its order, e.g. 'pcscd' on
 * Linux because the daemon was not running yet. While the service is down (from the start, or
 * after it was lost) every new context first asks those drivers again, best first, and the first
 * that works now serves from then on: a program started before pcscd ends up on the driver it
 * would have chosen had pcscd been running. Contexts and handles made before keep the driver
 * that made them (they died with the service anyway); that driver is disposed once the last of
 * them is released.
 */
export class AutoDriver implements PcscDriver {
  private current: Built;
  /** The service did not answer the current driver's last context, so better drivers are asked again. */
  private serviceDown = false;
  private choosing: Promise<void> | undefined;
  private readonly contexts = new Map<ContextId, Owned>();
  private readonly handles = new Map<HandleId, OwnedHandle>();
  private readonly retired = new Set<Built>();
  private nextId = 1;

  constructor(
    /** The 'auto' order, best first. */
    private readonly order: readonly DriverName[],
    chosen: DriverName,
    driver: PcscDriver,
    private readonly bindings: DriverBindings,
  ) {
    this.current = { name: chosen, driver };
  }

  /** The name of the driver that serves new contexts now. */
  get name(): string {
    return this.current.driver.name;
  }

  /** The platform the serving driver stands for. */
  get platform(): DriverPlatform {
    return this.current.driver.platform;
  }

  /** The serving driver's capabilities. */
  get capabilities(): DriverCapabilities {
    return this.current.driver.capabilities;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const wasDown = this.serviceDown;
    if (wasDown) await this.chooseAgain();
    let built = this.current;
    let outcome = await built.driver.establishContext();
    if (outcome.ok && wasDown && built === this.current) {
      // The service may have come up after the drivers ahead were asked and before this context:
      // now that it answers, ask them once more, so the program does not stay on the fallback.
      await this.chooseAgain();
      if (this.current !== built) {
        await built.driver.releaseContext(outcome.value).catch(() => undefined);
        await this.disposeIfUnused(built);
        built = this.current;
        outcome = await built.driver.establishContext();
      }
    }
    if (!outcome.ok) {
      if (isServiceLoss(outcome.rc) && built === this.current) this.serviceDown = true;
      return outcome;
    }
    if (built === this.current) this.serviceDown = false;
    const id = this.nextId++;
    this.contexts.set(id, { built, inner: outcome.value });
    return succeed(id);
  }

  async releaseContext(context: ContextId): Promise<number> {
    const owned = this.contexts.get(context);
    if (!owned) return SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    // The driver below ends the context's connections with it.
    for (const [handle, card] of [...this.handles]) if (card.context === context) this.handles.delete(handle);
    const code = await owned.built.driver.releaseContext(owned.inner);
    await this.disposeIfUnused(owned.built);
    return code;
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.onContext(context, (driver, inner) => driver.listReaders(inner));
  }

  getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    return this.onContext(context, (driver, inner) => driver.getStatusChange(inner, queries, timeoutMs));
  }

  async cancel(context: ContextId): Promise<number> {
    const owned = this.contexts.get(context);
    return owned ? owned.built.driver.cancel(owned.inner) : SCARD_E_INVALID_HANDLE;
  }

  async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const owned = this.contexts.get(context);
    if (!owned) return fail(SCARD_E_INVALID_HANDLE);
    const connected = await owned.built.driver.connect(owned.inner, reader, shareMode, protocols);
    if (!connected.ok) return connected;
    const handle = this.nextId++;
    this.handles.set(handle, { built: owned.built, inner: connected.value.handle, context });
    return succeed({ handle, protocol: connected.value.protocol });
  }

  reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    return this.onHandle(handle, fail(SCARD_E_INVALID_HANDLE), (driver, inner) => driver.reconnect(inner, shareMode, protocols, initialization));
  }

  status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.onHandle(handle, fail(SCARD_E_INVALID_HANDLE), (driver, inner) => driver.status(inner));
  }

  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, fail(SCARD_E_INVALID_HANDLE), (driver, inner) => driver.transmit(inner, protocol, command, receiveLength));
  }

  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, fail(SCARD_E_INVALID_HANDLE), (driver, inner) => driver.control(inner, controlCode, data));
  }

  getAttribute(handle: HandleId, attributeId: number): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, fail(SCARD_E_INVALID_HANDLE), (driver, inner) => driver.getAttribute(inner, attributeId));
  }

  setAttribute(handle: HandleId, attributeId: number, value: Uint8Array): Promise<number> {
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (driver, inner) => driver.setAttribute(inner, attributeId, value));
  }

  beginTransaction(handle: HandleId): Promise<number> {
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (driver, inner) => driver.beginTransaction(inner));
  }

  endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (driver, inner) => driver.endTransaction(inner, disposition));
  }

  async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const owned = this.handles.get(handle);
    if (!owned) return SCARD_E_INVALID_HANDLE;
    const code = await owned.built.driver.disconnect(owned.inner, disposition);
    // A handle whose disconnect failed stays known, as the drivers below keep it.
    if (code === 0 || owned.built !== this.current) this.handles.delete(handle);
    await this.disposeIfUnused(owned.built);
    return code;
  }

  async dispose(): Promise<void> {
    const all = [this.current, ...this.retired];
    this.retired.clear();
    this.contexts.clear();
    this.handles.clear();
    for (const built of all) await built.driver.dispose().catch(() => undefined);
  }

  /** Asks each driver ahead of the serving one whether it works now; the first that does takes over. */
  private chooseAgain(): Promise<void> {
    this.choosing ??= this.tryBetter().finally(() => {
      this.choosing = undefined;
    });
    return this.choosing;
  }

  private async tryBetter(): Promise<void> {
    const ahead = this.order.slice(0, this.order.indexOf(this.current.name));
    for (const name of ahead) {
      let driver: PcscDriver;
      try {
        await this.bindings[name].probe();
        driver = await this.bindings[name].create();
      } catch {
        continue;
      }
      const previous = this.current;
      this.current = { name, driver };
      this.retired.add(previous);
      await this.disposeIfUnused(previous);
      return;
    }
  }

  /** Disposes a driver that no longer serves once no context or handle of it is left. */
  private async disposeIfUnused(built: Built): Promise<void> {
    if (!this.retired.has(built)) return;
    const inUse = (owned: Owned): boolean => owned.built === built;
    if ([...this.contexts.values()].some(inUse) || [...this.handles.values()].some(inUse)) return;
    this.retired.delete(built);
    await built.driver.dispose().catch(() => undefined);
  }

  private onContext<T>(context: ContextId, call: (driver: PcscDriver, inner: ContextId) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const owned = this.contexts.get(context);
    return owned ? call(owned.built.driver, owned.inner) : Promise.resolve(fail(SCARD_E_INVALID_HANDLE));
  }

  private onHandle<R>(handle: HandleId, invalid: R, call: (driver: PcscDriver, inner: HandleId) => Promise<R>): Promise<R> {
    const owned = this.handles.get(handle);
    return owned ? call(owned.built.driver, owned.inner) : Promise.resolve(invalid);
  }
}
