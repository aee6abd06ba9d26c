import { PcscdDriver } from './pcscd/pcscd-driver';
import {
  fail,
  succeed,
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
} from '../driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_E_UNSUPPORTED_FEATURE, SCARD_F_UNKNOWN_ERROR } from '../driver/return-codes';
import type { UsbDevice } from '../driver/usb-devices';

/** The drivers that sit on libpcsclite, whose 2.5.x releases keep a process-wide reader array. */
export const LIBPCSCLITE_DRIVERS: ReadonlySet<string> = new Set(['winscard', 'pcsclite', 'smartcard']);

interface Routed {
  readonly driver: PcscDriver;
  readonly id: number;
}

interface RoutedHandle extends Routed {
  readonly context: ContextId;
}

/**
 * libpcsclite 2.5.x sizes its process-wide reader array by the largest table a pcscd ever
 * reported and never shrinks it: once a restarted pcscd has a smaller table, every listing and
 * status-change wait in the process answers SCARD_E_UNSUPPORTED_FEATURE, through every context
 * (pcsc-lite's getReaderStates). Those calls never answer that code otherwise, so on seeing it this
 * driver moves the context, and every context after it, to the 'pcscd' driver, which reads the
 * daemon's table afresh each time; the library driver keeps only what was opened on it before.
 */
export class ReaderArrayFallover implements PcscDriver {
  readonly usbDevices?: () => Promise<readonly UsbDevice[]>;
  private fallback: PcscDriver | undefined;
  private fellOver = false;
  private readonly contexts = new Map<ContextId, Routed>();
  private readonly handles = new Map<HandleId, RoutedHandle>();
  private nextId = 1;

  constructor(
    private readonly inner: PcscDriver,
    private readonly makeFallback: () => PcscDriver = () => new PcscdDriver(),
  ) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(inner) below
    const list = inner.usbDevices;
    if (list) this.usbDevices = () => list.call(inner);
  }

  get name(): string {
    return this.inner.name;
  }
  get platform(): DriverPlatform {
    return this.inner.platform;
  }
  get capabilities(): DriverCapabilities {
    return this.inner.capabilities;
  }
  /** True once contexts go to the 'pcscd' driver. */
  get usesFallback(): boolean {
    return this.fellOver;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    let driver = this.fellOver && this.fallback ? this.fallback : this.inner;
    let outcome = await driver.establishContext();
    // The 'pcsclite' binding lists the readers while it establishes a context.
    if (!outcome.ok && driver === this.inner && this.isReaderArrayFailure(outcome.rc)) {
      const fallback = await this.fallOver();
      if (fallback) {
        driver = fallback;
        outcome = await fallback.establishContext();
      }
    }
    if (!outcome.ok) return outcome;
    const id = this.nextId++;
    this.contexts.set(id, { driver, id: outcome.value });
    return succeed(id);
  }

  async releaseContext(context: ContextId): Promise<number> {
    const routed = this.contexts.get(context);
    if (!routed) return SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    for (const [handle, entry] of this.handles) if (entry.context === context) this.handles.delete(handle);
    return routed.driver.releaseContext(routed.id);
  }

  async listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    const routed = this.contexts.get(context);
    if (!routed) return fail(SCARD_E_INVALID_HANDLE);
    const outcome = await routed.driver.listReaders(routed.id);
    const moved = await this.movedAfter(outcome, context, routed);
    return moved ? moved.driver.listReaders(moved.id) : outcome;
  }

  async getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const routed = this.contexts.get(context);
    if (!routed) return fail(SCARD_E_INVALID_HANDLE);
    const outcome = await routed.driver.getStatusChange(routed.id, readers, timeoutMs);
    const moved = await this.movedAfter(outcome, context, routed);
    return moved ? moved.driver.getStatusChange(moved.id, readers, timeoutMs) : outcome;
  }

  async cancel(context: ContextId): Promise<number> {
    const routed = this.contexts.get(context);
    return routed ? routed.driver.cancel(routed.id) : SCARD_E_INVALID_HANDLE;
  }

  async connect(context: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>> {
    const routed = this.contexts.get(context);
    if (!routed) return fail(SCARD_E_INVALID_HANDLE);
    const outcome = await routed.driver.connect(routed.id, reader, shareMode, preferredProtocols);
    if (!outcome.ok) return outcome;
    const handle = this.nextId++;
    this.handles.set(handle, { driver: routed.driver, id: outcome.value.handle, context });
    return succeed({ ...outcome.value, handle });
  }

  async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const routed = this.handles.get(handle);
    if (!routed) return SCARD_E_INVALID_HANDLE;
    const code = await routed.driver.disconnect(routed.id, disposition);
    // A handle whose disconnect failed stays, as on the drivers below.
    if (code === 0) this.handles.delete(handle);
    return code;
  }

  reconnect(handle: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>> {
    return this.onHandle(handle, (driver, id) => driver.reconnect(id, shareMode, preferredProtocols, initialization), fail(SCARD_E_INVALID_HANDLE));
  }
  status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.onHandle(handle, (driver, id) => driver.status(id), fail(SCARD_E_INVALID_HANDLE));
  }
  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, (driver, id) => driver.transmit(id, protocol, command, receiveLength), fail(SCARD_E_INVALID_HANDLE));
  }
  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, (driver, id) => driver.control(id, controlCode, data), fail(SCARD_E_INVALID_HANDLE));
  }
  getAttribute(handle: HandleId, attributeId: number): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, (driver, id) => driver.getAttribute(id, attributeId), fail(SCARD_E_INVALID_HANDLE));
  }
  setAttribute(handle: HandleId, attributeId: number, value: Uint8Array): Promise<number> {
    return this.onHandle(handle, (driver, id) => driver.setAttribute(id, attributeId, value), SCARD_E_INVALID_HANDLE);
  }
  beginTransaction(handle: HandleId): Promise<number> {
    return this.onHandle(handle, (driver, id) => driver.beginTransaction(id), SCARD_E_INVALID_HANDLE);
  }
  endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.onHandle(handle, (driver, id) => driver.endTransaction(id, disposition), SCARD_E_INVALID_HANDLE);
  }

  async dispose(): Promise<void> {
    await Promise.all([this.inner.dispose(), this.fallback?.dispose()]);
  }

  private async onHandle<T>(handle: HandleId, call: (driver: PcscDriver, id: number) => Promise<T>, unknown: T): Promise<T> {
    const routed = this.handles.get(handle);
    return routed ? call(routed.driver, routed.id) : unknown;
  }

  /**
   * After the library's reader-array failure on `context`: the context, now on the 'pcscd' driver.
   * Undefined for any other outcome, or when pcscd cannot be reached that way either.
   */
  private async movedAfter(outcome: Outcome<unknown>, context: ContextId, routed: Routed): Promise<Routed | undefined> {
    if (outcome.ok || routed.driver !== this.inner || !this.isReaderArrayFailure(outcome.rc)) return undefined;
    const fallback = await this.fallOver();
    const fresh = fallback ? await fallback.establishContext() : undefined;
    if (!fallback || !fresh?.ok) return undefined;
    const moved = { driver: fallback, id: fresh.value };
    this.contexts.set(context, moved);
    await this.inner.releaseContext(routed.id).catch(() => undefined);
    return moved;
  }

  /** The 'pcscd' driver once it answers (a context it could establish); undefined while it does not. */
  private async fallOver(): Promise<PcscDriver | undefined> {
    this.fallback ??= this.makeFallback();
    if (this.fellOver) return this.fallback;
    const probe = await this.fallback.establishContext();
    if (!probe.ok) return undefined;
    await this.fallback.releaseContext(probe.value);
    this.fellOver = true;
    return this.fallback;
  }

  /** pcsc-lite's code for it; the 'smartcard' binding has no phrase for that code and reports an unknown error. */
  private isReaderArrayFailure(code: number): boolean {
    return code === SCARD_E_UNSUPPORTED_FEATURE || (this.inner.name === 'smartcard' && code === SCARD_F_UNKNOWN_ERROR);
  }
}

/** `driver` with the reader-array fall-over where it sits on libpcsclite on Linux (or another Unix). */
export function withReaderArrayFallover(driver: PcscDriver): PcscDriver {
  const onPcscLite = driver.platform.os === 'linux' || driver.platform.os === 'other';
  return onPcscLite && LIBPCSCLITE_DRIVERS.has(driver.name) ? new ReaderArrayFallover(driver) : driver;
}
