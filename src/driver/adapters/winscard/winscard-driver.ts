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
  FULL_CAPABILITIES,
  fail,
  succeed,
} from '../../pcsc-driver';
import { defaultReceiveLength } from '../../receive-length';
import { ClosedError } from '../../../errors/pcsc-error';
import { isServiceLoss } from '../../../errors/code-kinds';
import { hostPlatform, onHostLibrary } from '../host-platform';
import { ContextLane, SETTLING_BOUND_MS } from './context-lane';
import { loadWinscard } from './load-winscard';
import { NativeCalls, type NativeHandle } from './native-calls';
import { StatusWaits } from './status-waits';

export const CAPABILITIES: DriverCapabilities = onHostLibrary(FULL_CAPABILITIES);

/** Which PC/SC library the 'winscard' driver opens, and how long closing waits. */
export interface WinscardDriverOptions {
  /**
   * The PC/SC library file to open, e.g. '/opt/pcsc-lite/lib/libpcsclite.so.1'. Default: the
   * environment variable RESILIENT_PCSC_WINSCARD_LIBRARY, else the system's own library.
   */
  readonly library?: string;
  /**
   * How long disconnect and release wait for a call ahead of them (a card that never answers)
   * before that call is given up. Default 3000 ms.
   */
  readonly settlingBoundMs?: number;
}

interface OpenContext {
  /** The native context the application's calls go to. */
  lane: ContextLane;
  /** Native contexts left behind by a call that never returned; their handles still use them. Released last. */
  readonly retired: ContextLane[];
  /** A second native context that lists readers while the first is busy (established when first needed). */
  spare: Promise<Outcome<ContextLane>> | undefined;
  readonly waits: StatusWaits;
}

interface OpenHandle {
  readonly native: NativeHandle;
  readonly context: ContextId;
  /** The native context the handle belongs to: its calls queue there. */
  readonly lane: ContextLane;
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
  private readonly settlingBoundMs: number;
  private nextId = 1;

  /** Throws DriverUnavailableError when koffi is not installed or the PC/SC library cannot be opened. */
  constructor(options: WinscardDriverOptions = {}) {
    this.calls = new NativeCalls(loadWinscard(options.library));
    this.settlingBoundMs = options.settlingBoundMs ?? SETTLING_BOUND_MS;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const lane = await this.newLane();
    if (!lane.ok) return lane;
    const id = this.nextId++;
    this.contexts.set(id, { lane: lane.value, retired: [], spare: undefined, waits: new StatusWaits(this.calls) });
    return succeed(id);
  }

  /**
   * Ends the context's waits and connections, then releases its native contexts; within the
   * settling bound however stuck a call is (a stuck native context is released once its call returns).
   */
  async releaseContext(context: ContextId): Promise<number> {
    const open = this.contexts.get(context);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    await open.waits.close();
    // pcscd ends them inside SCardReleaseContext (leaving the card, or resetting one held
    // exclusively unless it was reset or removed meanwhile); their ids are forgotten here.
    for (const [handle, card] of [...this.handles]) if (card.context === context) this.handles.delete(handle);
    const spare = await open.spare;
    const lanes = [open.lane, ...open.retired, ...(spare?.ok ? [spare.value] : [])];
    const released = await Promise.all(
      lanes.map((lane) => lane.settle([open], (native) => this.calls.releaseContext(native), givenUp('SCardReleaseContext', this.settlingBoundMs))),
    );
    return released[0] ?? rc.SCARD_S_SUCCESS;
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.onIdleLane(context, (native) => this.calls.listReaders(native));
  }

  getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const open = this.contexts.get(context);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    // A poll returns at once: it needs no waiting context of its own.
    const poll = (): Promise<Outcome<readonly ReaderStateResult[]>> => this.onIdleLane(context, (native) => this.calls.getStatusChange(native, queries, 0));
    if (timeoutMs === 0) return poll();
    // The waits' own context is made when first needed, so it may be younger than this one: made
    // after pcscd restarted, it would wait where this context answers SCARD_E_NO_SERVICE. A poll
    // through this context first tells (and answers at once when a state differs already).
    return open.waits.wait(queries, timeoutMs, poll);
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
    const lane = open.lane;
    const connected = await lane.run(open, (native) => this.calls.connect(native, reader, shareMode, protocols));
    if (!connected.ok) return connected.rc === rc.SCARD_W_SECURITY_VIOLATION ? fail(await this.refusalOrLoss(open, lane)) : connected;
    if (this.contexts.get(context) !== open) {
      // The context was released while the connection was being made.
      await lane.settle([], () => this.calls.disconnect(connected.value.handle, SCARD_LEAVE_CARD), givenUp('SCardDisconnect', this.settlingBoundMs));
      return fail(rc.SCARD_E_INVALID_HANDLE);
    }
    const handle = this.nextId++;
    this.handles.set(handle, { native: connected.value.handle, context, lane });
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

  /**
   * Settles within the settling bound. A call of the handle that has not returned by then is given up
   * (its caller gets ClosedError), the disconnect happens when it returns, and the context's later
   * calls go to a fresh native context.
   */
  async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const open = this.handles.get(handle);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    this.handles.delete(handle);
    const code = await open.lane.settle([open], () => this.calls.disconnect(open.native, disposition), givenUp('SCardDisconnect', this.settlingBoundMs));
    // libpcsclite keeps a handle whose disconnect failed (later calls answer SCARD_E_NO_SERVICE
    // once the service is gone), unless its context was released meanwhile.
    if (code !== undefined && code !== rc.SCARD_S_SUCCESS && this.contexts.has(open.context)) this.handles.set(handle, open);
    if (code !== undefined) return code;
    await this.replaceStuckLane(open.context, open.lane);
    return rc.SCARD_S_SUCCESS;
  }

  /**
   * Releases every context. A native call that was given up still runs on its pool thread, and
   * libuv keeps the process alive until it returns (the card answers or leaves, or pcscd stops):
   * nothing can cut it short, so the process is warned.
   */
  async dispose(): Promise<void> {
    const lanes = [...this.contexts.values()].flatMap((open) => [open.lane, ...open.retired]);
    for (const context of [...this.contexts.keys()]) await this.releaseContext(context);
    if (lanes.some((lane) => lane.stuck)) {
      process.emitWarning(
        'A PC/SC call to a card that never answered is still running in the system PC/SC library; this process ' +
          'cannot exit until it returns (the card answers or is removed, or pcscd stops).',
        { code: 'RESILIENT_PCSC_STUCK_CALL' },
      );
    }
  }

  /**
   * SCARD_W_SECURITY_VIOLATION from SCardConnect is pcscd refusing the client (polkit), or, with
   * libpcsclite, the context's socket reset by a daemon killed meanwhile (see fromClientLibraryLink).
   * A context that no longer answers tells the latter: SCARD_E_NO_SERVICE.
   */
  private async refusalOrLoss(open: OpenContext, lane: ContextLane): Promise<number> {
    const listed = await lane.run(open, (native) => this.calls.listReaders(native));
    return isServiceLoss(listed.rc) ? rc.SCARD_E_NO_SERVICE : rc.SCARD_W_SECURITY_VIOLATION;
  }

  private onHandle<T>(handle: HandleId, unknown: T, call: (native: NativeHandle) => Promise<T>): Promise<T> {
    const open = this.handles.get(handle);
    if (!open) return Promise.resolve(unknown);
    return open.lane.run(open, () => call(open.native));
  }

  /**
   * A call that never touches a card (reader list, state poll) on the context, or through a second
   * native context while the first is busy: a stuck command must not hold up the reader list.
   */
  private async onIdleLane<T>(context: ContextId, call: (native: NativeHandle) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const open = this.contexts.get(context);
    if (!open) return fail(rc.SCARD_E_INVALID_HANDLE);
    if (!open.lane.busy) return open.lane.run(open, call);
    open.spare ??= this.newLane();
    const spare = open.spare;
    const lane = await spare;
    if (!lane.ok) {
      if (open.spare === spare) open.spare = undefined;
      return lane;
    }
    return lane.value.run(open, call);
  }

  private async newLane(): Promise<Outcome<ContextLane>> {
    const established = await this.calls.establishContext();
    return established.ok ? succeed(new ContextLane(established.value, this.settlingBoundMs)) : established;
  }

  /** The context's calls move to a fresh native context while `stuck` waits for a call that may never return. */
  private async replaceStuckLane(context: ContextId, stuck: ContextLane): Promise<void> {
    const open = this.contexts.get(context);
    if (!open || open.lane !== stuck || !stuck.stuck) return;
    const fresh = await this.newLane();
    if (!fresh.ok) return;
    if (this.contexts.get(context) !== open || open.lane !== stuck) {
      await this.calls.releaseContext(fresh.value.native);
      return;
    }
    open.retired.push(stuck);
    open.lane = fresh.value;
  }
}

/** The error a call gets when disconnect or release gave it up. */
function givenUp(call: string, boundMs: number): ClosedError {
  return new ClosedError(
    rc.SCARD_E_INVALID_HANDLE,
    `${call} gave this call up: it had not returned ${boundMs} ms later (a card or reader that never answers). ` +
      'The connection is closed; the native call ends on its own.',
  );
}
