import * as rc from '../../driver/return-codes';
import {
  type CardStatusResult,
  type ConnectResult,
  type ContextId,
  type HandleId,
  type Outcome,
  type PcscDriver,
  type ReaderStateQuery,
  type ReaderStateResult,
  fail,
  succeed,
} from '../../driver/pcsc-driver';
import { defaultReceiveLength } from '../../driver/receive-length';
import { ClosedError } from '../../errors/pcsc-error';
import { isServiceLoss } from '../../errors/code-kinds';
import { hostPlatform } from '../host-platform';
import { ContextLane, type LaneOwner, SETTLING_BOUND_MS } from './context-lane';
import { type ContextLink, type ContextSockets, pcscLiteContextSockets } from './context-socket';
import { loadWinscard } from './load-winscard';
import { NativeCalls, type NativeHandle } from './native-calls';
import { StatusWaits, type WaitCalls } from './status-waits';

import { WINSCARD_CAPABILITIES as CAPABILITIES } from '../binding-capabilities';

export { CAPABILITIES };

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
  /** The native context of the application's context: reader lists and state polls. */
  readonly lane: ContextLane;
  /** The native contexts of this context's card handles, and of connects under way. */
  readonly cardLanes: Set<ContextLane>;
  /** Native contexts whose handle was disconnected, kept for the next connect. */
  readonly idleLanes: ContextLane[];
  readonly waits: StatusWaits;
}

interface OpenHandle {
  readonly native: NativeHandle;
  readonly context: ContextId;
  /** The native context made for this handle: its calls queue there and nowhere else. */
  readonly lane: ContextLane;
}

/** How many native contexts of disconnected handles a context keeps for later connects. */
const IDLE_LANES_KEPT = 4;

/**
 * PcscDriver over the operating system's own PC/SC library (libpcsclite on Linux, PCSC.framework on
 * macOS, winscard.dll on Windows), called through koffi: every SCard* call, nothing to compile.
 * Calls run on libuv's thread pool. Every card handle gets a native context of its own: the library
 * runs one call at a time per context, so cards in different readers are served in parallel and a
 * card that never answers holds up only its own handle. Status-change waits run in a native context
 * of their own, in short slices (see StatusWaits), so they neither stall other calls nor hold pool
 * threads for long.
 */
export class WinscardDriver implements PcscDriver {
  readonly name = 'winscard';
  readonly platform = hostPlatform();
  readonly capabilities = CAPABILITIES;

  private readonly calls: NativeCalls;
  private readonly sockets: ContextSockets | undefined;
  private readonly contexts = new Map<ContextId, OpenContext>();
  private readonly handles = new Map<HandleId, OpenHandle>();
  private readonly settlingBoundMs: number;
  private nextId = 1;

  /** Throws DriverUnavailableError when koffi is not installed or the PC/SC library cannot be opened. */
  constructor(options: WinscardDriverOptions = {}) {
    const library = loadWinscard(options.library);
    this.calls = new NativeCalls(library);
    this.sockets = library.table.socketPerContext ? pcscLiteContextSockets(library.koffi) : undefined;
    this.settlingBoundMs = options.settlingBoundMs ?? SETTLING_BOUND_MS;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const lane = await this.newLane();
    if (!lane.ok) return lane;
    const id = this.nextId++;
    this.contexts.set(id, { lane: lane.value, cardLanes: new Set(), idleLanes: [], waits: new StatusWaits(this.waitCalls) });
    return succeed(id);
  }

  /**
   * Ends the context's waits and releases its native contexts, which ends its card handles as
   * pcscd ends them (leaving the card, or resetting one held exclusively unless it was reset or
   * removed meanwhile); within the settling bound however stuck a call is.
   */
  async releaseContext(context: ContextId): Promise<number> {
    const open = this.contexts.get(context);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    await open.waits.close();
    const owners: LaneOwner[] = [open];
    for (const [handle, card] of [...this.handles]) {
      if (card.context !== context) continue;
      this.handles.delete(handle);
      owners.push(card);
    }
    const lanes = [open.lane, ...open.cardLanes, ...open.idleLanes];
    const released = await Promise.all(
      lanes.map((lane) => lane.settle(owners, (native) => this.calls.releaseContext(native), givenUp('SCardReleaseContext', this.settlingBoundMs))),
    );
    return released[0] ?? rc.SCARD_S_SUCCESS;
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.onContext(context, (native) => this.calls.listReaders(native));
  }

  getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const open = this.contexts.get(context);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    // A poll returns at once: it needs no waiting context of its own.
    const poll = (): Promise<Outcome<readonly ReaderStateResult[]>> => this.onContext(context, (native) => this.calls.getStatusChange(native, queries, 0));
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
    const lane = await this.cardLane(open);
    // The card's own context may have reached a daemon killed meanwhile (its socket reset).
    if (!lane.ok) return lane.rc === rc.SCARD_W_SECURITY_VIOLATION ? fail(await this.refusalOrLoss(open, open.lane)) : lane;
    if (this.contexts.get(context) !== open) {
      await this.releaseLane(lane.value);
      return fail(rc.SCARD_E_INVALID_HANDLE);
    }
    open.cardLanes.add(lane.value);
    const connected = await lane.value.run(open, (native) => this.calls.connect(native, reader, shareMode, protocols));
    // Released meanwhile: the release, queued behind the connect, ended the new handle too.
    if (this.contexts.get(context) !== open) return fail(rc.SCARD_E_INVALID_HANDLE);
    if (!connected.ok) {
      this.setAside(open, lane.value);
      return connected.rc === rc.SCARD_W_SECURITY_VIOLATION ? fail(await this.refusalOrLoss(open, open.lane)) : connected;
    }
    const handle = this.nextId++;
    this.handles.set(handle, { native: connected.value.handle, context, lane: lane.value });
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
   * Settles within the settling bound. A call of the handle that has not returned by then is given
   * up (its caller gets ClosedError) and the handle's native context is abandoned: on pcsc-lite its
   * connection to pcscd is cut, which makes the stuck call return; pcscd ends the command itself when
   * the card answers or leaves. Elsewhere the call goes on in its pool thread until then.
   */
  async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const open = this.handles.get(handle);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    this.handles.delete(handle);
    const code = await open.lane.settle([open], () => this.calls.disconnect(open.native, disposition), givenUp('SCardDisconnect', this.settlingBoundMs));
    const context = this.contexts.get(open.context);
    // libpcsclite keeps a handle whose disconnect failed (later calls answer SCARD_E_NO_SERVICE
    // once the service is gone), unless its context was released meanwhile.
    if (code !== undefined && code !== rc.SCARD_S_SUCCESS && context) this.handles.set(handle, open);
    else if (context) this.setAside(context, open.lane);
    return code ?? rc.SCARD_S_SUCCESS;
  }

  /**
   * Releases every context. A native call that was given up and whose connection could not be cut
   * (PCSC.framework, winscard.dll) still runs on its pool thread, and libuv keeps the process alive
   * until it returns (the card answers or is removed, or the service stops): the process is warned.
   */
  async dispose(): Promise<void> {
    const lanes = [...this.contexts.values()].flatMap((open) => [open.lane, ...open.cardLanes]);
    for (const context of [...this.contexts.keys()]) await this.releaseContext(context);
    if (lanes.some((lane) => lane.stuck && !lane.cuttable)) {
      process.emitWarning(
        'A PC/SC call to a card that never answered is still running in the system PC/SC library; this process ' +
          'cannot exit until it returns (the card answers or is removed, or the PC/SC service stops).',
        { code: 'RESILIENT_PCSC_STUCK_CALL' },
      );
    }
  }

  /**
   * SCARD_W_SECURITY_VIOLATION from SCardConnect, or from establishing the card's own context, is
   * pcscd refusing the client (polkit), or, with libpcsclite, that context's socket reset by a
   * daemon killed meanwhile (see fromClientLibraryLink).
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

  /** A call that never touches a card (reader list, state poll) on the application's native context. */
  private onContext<T>(context: ContextId, call: (native: NativeHandle) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const open = this.contexts.get(context);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    return open.lane.run(open, call);
  }

  /**
   * A native context for a new handle: one set aside, else a new one. A new one may reach a service
   * that restarted after the application's context was made, where libpcsclite answers such a
   * connect with the loss of service: the application's context is asked meanwhile, and its answer wins.
   */
  private async cardLane(open: OpenContext): Promise<Outcome<ContextLane>> {
    const idle = open.idleLanes.pop();
    if (idle) return succeed(idle);
    const [lane, check] = await Promise.all([this.newLane(), open.lane.run(open, (native) => this.calls.listReaders(native))]);
    if (!lane.ok || check.ok || !isServiceLoss(check.rc)) return lane;
    await this.releaseLane(lane.value);
    return fail(check.rc);
  }

  /** A handle's native context after its handle ended (its context still open): kept for the next connect, unless stuck. */
  private setAside(open: OpenContext, lane: ContextLane): void {
    open.cardLanes.delete(lane);
    if (!lane.stuck && !lane.busy && open.idleLanes.length < IDLE_LANES_KEPT) open.idleLanes.push(lane);
    else void this.releaseLane(lane);
  }

  /** Queued behind whatever the native context still runs (a stuck call returns once its connection is cut). */
  private releaseLane(lane: ContextLane): Promise<number | undefined> {
    return lane.settle([], (native) => this.calls.releaseContext(native), givenUp('SCardReleaseContext', this.settlingBoundMs));
  }

  private async newLane(): Promise<Outcome<ContextLane>> {
    const { value: established, link } = await this.establishNative();
    return established.ok ? succeed(new ContextLane(established.value, this.settlingBoundMs, link)) : established;
  }

  /** Every native context of this driver is established here, so that each one's socket is told apart. */
  private establishNative(): Promise<{ readonly value: Outcome<NativeHandle>; readonly link: ContextLink | undefined }> {
    const establish = (): Promise<Outcome<NativeHandle>> => this.calls.establishContext();
    return this.sockets ? this.sockets.establish(establish) : establish().then((value) => ({ value, link: undefined }));
  }

  /** The calls of the status-change waits, whose native contexts are established like the others. */
  private readonly waitCalls: WaitCalls = {
    establishContext: () => this.establishNative().then((established) => established.value),
    releaseContext: (native) => this.calls.releaseContext(native),
    cancel: (native) => this.calls.cancel(native),
    getStatusChange: (native, queries, timeoutMs) => this.calls.getStatusChange(native, queries, timeoutMs),
  };
}

/** The error a call gets when disconnect or release gave it up. */
function givenUp(call: string, boundMs: number): ClosedError {
  return new ClosedError(
    `${call} gave this call up: it had not returned ${boundMs} ms later (a card or reader that never answers). ` +
      'The connection is closed; the native call ends on its own.',
  );
}
