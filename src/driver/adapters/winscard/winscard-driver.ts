import * as rc from '../../return-codes';
import { SCARD_LEAVE_CARD } from '../../scard-constants';
import {
  type CardStatusResult,
  type ConnectResult,
  type ContextId,
  type DriverCapabilities,
  type HandleId,
  type Outcome,
  type PcscDriver,
  type ReaderStateQuery,
  type ReaderStateResult,
  fail,
  succeed,
} from '../../pcsc-driver';
import { defaultReceiveLength } from '../../receive-length';
import { SerialQueue } from '../../serial-queue';
import { hostPlatform } from '../host-platform';
import { loadWinscard } from './load-winscard';
import { NativeCalls, type NativeHandle } from './native-calls';
import { StatusWaits } from './status-waits';

export const CAPABILITIES: DriverCapabilities = {
  status: true,
  reconnect: true,
  transactions: true,
  control: true,
  cancel: true,
  pnpNotification: true,
  eventCounter: true,
  multipleHandlesPerReader: true,
};

export interface WinscardDriverOptions {
  /**
   * The PC/SC library file to open, e.g. '/opt/pcsc-lite/lib/libpcsclite.so.1'. Default: the
   * environment variable RESILIENT_PCSC_WINSCARD_LIBRARY, else the system's own library.
   */
  readonly library?: string;
}

interface OpenContext {
  readonly native: NativeHandle;
  /** Calls on one PC/SC context run one at a time: the library would serialise them anyway, on pool threads. */
  readonly queue: SerialQueue;
  readonly waits: StatusWaits;
}

interface OpenHandle {
  readonly native: NativeHandle;
  readonly context: ContextId;
  readonly queue: SerialQueue;
}

/**
 * PcscDriver over the operating system's own PC/SC library (libpcsclite on Linux, PCSC.framework on
 * macOS, winscard.dll on Windows), called through koffi: every SCard* call, nothing to compile.
 * Calls run on libuv's thread pool; status-change waits run in a PC/SC context of their own, in
 * short slices (see StatusWaits), so they neither stall other calls nor hold pool threads for long.
 */
export class WinscardDriver implements PcscDriver {
  readonly name = 'winscard';
  readonly platform = hostPlatform();
  readonly capabilities = CAPABILITIES;

  private readonly calls: NativeCalls;
  private readonly contexts = new Map<ContextId, OpenContext>();
  private readonly handles = new Map<HandleId, OpenHandle>();
  private nextId = 1;

  /** Throws DriverUnavailableError when koffi is not installed or the PC/SC library cannot be opened. */
  constructor(options: WinscardDriverOptions = {}) {
    this.calls = new NativeCalls(loadWinscard(options.library));
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const established = await this.calls.establishContext();
    if (!established.ok) return established;
    const id = this.nextId++;
    this.contexts.set(id, { native: established.value, queue: new SerialQueue(), waits: new StatusWaits(this.calls) });
    return succeed(id);
  }

  async releaseContext(context: ContextId): Promise<number> {
    const open = this.contexts.get(context);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    await open.waits.close();
    // pcscd would end them inside SCardReleaseContext; ending them here also forgets their ids.
    for (const [handle, card] of [...this.handles]) {
      if (card.context === context) await this.disconnect(handle, SCARD_LEAVE_CARD);
    }
    return open.queue.run(() => this.calls.releaseContext(open.native));
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    const open = this.contexts.get(context);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    return open.queue.run(() => this.calls.listReaders(open.native));
  }

  getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const open = this.contexts.get(context);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    // A poll returns at once: it goes with the context's other calls and needs no context of its own.
    if (timeoutMs === 0) return open.queue.run(() => this.calls.getStatusChange(open.native, queries, 0));
    return open.waits.wait(queries, timeoutMs);
  }

  async cancel(context: ContextId): Promise<number> {
    const open = this.contexts.get(context);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    await open.waits.cancel();
    return rc.SCARD_S_SUCCESS;
  }

  async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const open = this.contexts.get(context);
    if (!open) return fail(rc.SCARD_E_INVALID_HANDLE);
    const connected = await open.queue.run(() => this.calls.connect(open.native, reader, shareMode, protocols));
    if (!connected.ok) return connected;
    if (this.contexts.get(context) !== open) {
      // The context was released while the connection was being made.
      await this.calls.disconnect(connected.value.handle, SCARD_LEAVE_CARD);
      return fail(rc.SCARD_E_INVALID_HANDLE);
    }
    const handle = this.nextId++;
    this.handles.set(handle, { native: connected.value.handle, context, queue: open.queue });
    return succeed({ handle, protocol: connected.value.protocol });
  }

  reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    return this.onHandle(handle, fail(rc.SCARD_E_INVALID_HANDLE), (native) => this.calls.reconnect(native, shareMode, protocols, initialization));
  }

  status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.onHandle(handle, fail(rc.SCARD_E_INVALID_HANDLE), (native) => this.calls.status(native));
  }

  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const length = receiveLength ?? defaultReceiveLength(command);
    return this.onHandle(handle, fail(rc.SCARD_E_INVALID_HANDLE), (native) => this.calls.transmit(native, protocol, command, length));
  }

  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, fail(rc.SCARD_E_INVALID_HANDLE), (native) => this.calls.control(native, controlCode, data));
  }

  /** SCardGetAttrib: the attribute's bytes (SCARD_ATTR_* ids, e.g. SCARD_ATTR_ATR_STRING). */
  getAttribute(handle: HandleId, id: number): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, fail(rc.SCARD_E_INVALID_HANDLE), (native) => this.calls.getAttribute(native, id));
  }

  /** SCardSetAttrib. */
  setAttribute(handle: HandleId, id: number, bytes: Uint8Array): Promise<number> {
    return this.onHandle(handle, rc.SCARD_E_INVALID_HANDLE, (native) => this.calls.setAttribute(native, id, bytes));
  }

  beginTransaction(handle: HandleId): Promise<number> {
    return this.onHandle(handle, rc.SCARD_E_INVALID_HANDLE, (native) => this.calls.beginTransaction(native));
  }

  endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.onHandle(handle, rc.SCARD_E_INVALID_HANDLE, (native) => this.calls.endTransaction(native, disposition));
  }

  disconnect(handle: HandleId, disposition: number): Promise<number> {
    const open = this.handles.get(handle);
    if (!open) return Promise.resolve(rc.SCARD_E_INVALID_HANDLE);
    this.handles.delete(handle);
    return open.queue.run(() => this.calls.disconnect(open.native, disposition));
  }

  async dispose(): Promise<void> {
    for (const context of [...this.contexts.keys()]) await this.releaseContext(context);
  }

  private onHandle<T>(handle: HandleId, unknown: T, call: (native: NativeHandle) => Promise<T>): Promise<T> {
    const open = this.handles.get(handle);
    if (!open) return Promise.resolve(unknown);
    return open.queue.run(() => call(open.native));
  }
}
