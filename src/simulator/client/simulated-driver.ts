import type {
  CardStatusResult,
  ConnectResult,
  ContextId,
  DriverCapabilities,
  DriverPlatform,
  HandleId,
  Outcome,
  PcscDriver,
  ReaderStateQuery,
  ReaderStateResult,
} from '../../driver/pcsc-driver';
import { defaultReceiveLength } from '../../driver/receive-length';
import type { UsbDevice } from '../../driver/usb-devices';
import {
  SCARD_E_INSUFFICIENT_BUFFER,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_READERS_AVAILABLE,
  SCARD_E_NO_SERVICE,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_S_SUCCESS,
} from '../../driver/return-codes';
import { connectOnServer } from '../operations/connect';
import { controlOnServer } from '../operations/control';
import { disconnectOnServer } from '../operations/disconnect';
import { reconnectOnServer } from '../operations/reconnect';
import { releaseHandlesOnServer } from '../operations/release-context';
import { statusOnServer } from '../operations/status';
import { beginTransactionOnServer, endTransactionOnServer, type BeginTransactionCodes } from '../operations/transactions';
import { transmitOnServer, type TransmitBehaviour } from '../operations/transmit';
import { fail, succeed, WAIT_FOR_CHANGE, type ServerReply } from '../service/outcome';
import type { SimulatedService } from '../service/simulated-service';
import { answerWithoutWaiting, runStatusChange } from '../status-change/status-change-wait';
import { ClientContext, type ClientHandle } from './client-context';
import { ContextCalls } from './context-calls';

/** pcsc-lite's longest reader name and largest extended APDU buffer. */
const MAX_READERNAME = 128;
const MAX_BUFFER_SIZE_EXTENDED = 4 + 3 + (1 << 16) + 3 + 2;

/** What the simulator does where a real process would crash. */
export class SimulatedProcessCrash extends Error {
  constructor(call: string) {
    super(`simulated process crash: ${call} on a PC/SC context inherited across fork()`);
    this.name = 'SimulatedProcessCrash';
  }
}

/** One program using the simulated service. */
export interface SimulatedApplication {
  readonly id: number;
  /** The program was forked from the one that loaded the PC/SC library. */
  readonly forkedChild: boolean;
}

function resolved<T>(value: T): Promise<T> {
  return Promise.resolve(value);
}

function codeOf<T>(outcome: Outcome<T>): number {
  return outcome.rc;
}

/** A bare return code as an outcome, so code-only calls share the retry machinery. */
function asOutcome(rc: number): Outcome<void> {
  return rc === SCARD_S_SUCCESS ? succeed(undefined) : fail(rc);
}

/**
 * The PcscDriver of one simulated application: it plays libpcsclite (contexts, handles, the
 * blocking retries) and talks to the shared SimulatedService (pcscd).
 */
export class SimulatedDriver implements PcscDriver {
  readonly name = 'simulated';
  readonly platform: DriverPlatform;
  readonly capabilities: DriverCapabilities;
  private readonly contexts = new Map<ContextId, ClientContext>();
  private readonly handles = new Map<HandleId, ClientHandle>();
  private readonly calls: ContextCalls;
  /** How this platform's SCardTransmit and SCardBeginTransaction deviate from pcsc-lite. */
  private readonly transmitBehaviour: TransmitBehaviour;
  private readonly beginTransactionCodes: BeginTransactionCodes;
  /** Contexts this (forked) application inherited from its parent. */
  private readonly inherited = new Set<ClientContext>();
  private disposed = false;

  constructor(
    private readonly service: SimulatedService,
    private readonly application: SimulatedApplication,
  ) {
    const platform = service.personality.platform;
    this.platform = application.forkedChild ? { ...platform, forkedChild: true } : platform;
    this.capabilities = service.personality.capabilities;
    this.calls = new ContextCalls(service);
    const { bugs, codeBugs } = service.personality;
    this.transmitBehaviour = {
      lateResetReport: bugs.resetReportedOneTransmitLate,
      removalAsReset: codeBugs?.transmitResetForRemoved === true,
      truncatesLongAnswers: bugs.truncatesLongAnswers === true,
    };
    this.beginTransactionCodes = {
      removalAsReset: codeBugs?.beginTransactionResetForRemoved === true,
      powerOffAsUnpowered: codeBugs?.beginTransactionUnpoweredForReset === true,
    };
  }

  /**
   * The child of fork() without exec: a new application that inherits this one's contexts and
   * handles (same ids). Whether using them works depends on the personality.
   */
  forkChild(childId: number): SimulatedDriver {
    const child = new SimulatedDriver(this.service, { id: childId, forkedChild: true });
    for (const [id, context] of this.contexts) {
      child.contexts.set(id, context);
      child.inherited.add(context);
    }
    for (const [id, handle] of this.handles) child.handles.set(id, handle);
    return child;
  }

  usbDevices(): Promise<readonly UsbDevice[]> {
    return resolved(this.service.pluggedDevices());
  }

  establishContext(): Promise<Outcome<ContextId>> {
    if (this.disposed || !this.service.isUp) return resolved(fail(SCARD_E_NO_SERVICE));
    if (this.application.forkedChild && this.service.personality.bugs.noServiceInForkedChild) {
      return resolved(fail(SCARD_E_NO_SERVICE));
    }
    const context = new ClientContext(this.service.allocateContextId(), this.service.epoch);
    this.contexts.set(context.id, context);
    return resolved(succeed(context.id));
  }

  releaseContext(contextId: ContextId): Promise<number> {
    const context = this.contexts.get(contextId);
    if (context === undefined) return resolved(SCARD_E_INVALID_HANDLE);
    return this.calls.now(context, () => {
      if (context.closed) return SCARD_E_INVALID_HANDLE;
      // the client library forgets the context even when the service cannot be told
      const alive = this.service.isAlive(context.epoch);
      if (alive)
        releaseHandlesOnServer(
          this.service,
          [...context.handles].map((handle) => handle.server),
        );
      this.forget(context);
      return alive ? SCARD_S_SUCCESS : SCARD_E_NO_SERVICE;
    });
  }

  listReaders(contextId: ContextId): Promise<Outcome<readonly string[]>> {
    const context = this.contexts.get(contextId);
    if (context === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(context);
    return this.calls.now(context, () =>
      this.calls.live(context, () => {
        const names = this.service.listedReaders().map((reader) => reader.name);
        return names.length === 0 ? fail(SCARD_E_NO_READERS_AVAILABLE) : succeed(names);
      }),
    );
  }

  getStatusChange(contextId: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const immediate = answerWithoutWaiting(readers);
    if (immediate !== undefined) return resolved(immediate);
    const context = this.contexts.get(contextId);
    if (context === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(context);
    return context.gate.run(async () => {
      const refusal = this.calls.refusal(context);
      if (refusal !== undefined) return fail(refusal);
      return runStatusChange({
        service: this.service,
        epoch: context.epoch,
        queries: readers,
        timeoutMs,
        setCanceller: (cancel) => {
          context.cancelWait = cancel;
        },
      });
    });
  }

  cancel(contextId: ContextId): Promise<number> {
    if (!this.capabilities.cancel) return resolved(SCARD_E_UNSUPPORTED_FEATURE);
    const context = this.contexts.get(contextId);
    if (context === undefined) return resolved(SCARD_E_INVALID_HANDLE);
    // like libpcsclite, cancelling when nothing waits does nothing and succeeds
    context.cancelWait?.();
    return resolved(SCARD_S_SUCCESS);
  }

  connect(contextId: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>> {
    if (reader.length > MAX_READERNAME) return resolved(fail(SCARD_E_INVALID_VALUE));
    const context = this.contexts.get(contextId);
    if (context === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(context);
    return this.calls.waitingOnServer(context, (): ServerReply<Outcome<ConnectResult>> => {
      const reply = connectOnServer(this.service, {
        application: this.application.id,
        readerName: reader,
        shareMode,
        preferredProtocols,
      });
      if (reply === WAIT_FOR_CHANGE) return reply;
      if (!reply.ok) return fail(reply.rc);
      const { server, handle, protocol } = reply.value;
      const clientHandle: ClientHandle = { id: handle, context, server, readerName: reader, open: true };
      this.handles.set(handle, clientHandle);
      context.handles.add(clientHandle);
      return succeed({ handle, protocol });
    });
  }

  reconnect(handleId: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>> {
    if (!this.capabilities.reconnect) return resolved(fail(SCARD_E_UNSUPPORTED_FEATURE));
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(handle.context);
    return this.calls.retrying(handle, () => reconnectOnServer(this.service, handle.server, { shareMode, preferredProtocols, initialization }));
  }

  status(handleId: HandleId): Promise<Outcome<CardStatusResult>> {
    if (!this.capabilities.status) return resolved(fail(SCARD_E_UNSUPPORTED_FEATURE));
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(handle.context);
    return this.calls.retrying(handle, () => statusOnServer(this.service, handle.server, handle.readerName));
  }

  transmit(handleId: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(handle.context);
    if (command.length > MAX_BUFFER_SIZE_EXTENDED) return resolved(fail(SCARD_E_INSUFFICIENT_BUFFER));
    const limit = Math.min(receiveLength ?? defaultReceiveLength(command), MAX_BUFFER_SIZE_EXTENDED);
    return this.calls.retrying(handle, () => transmitOnServer(handle.server, protocol, command, limit, this.transmitBehaviour));
  }

  control(handleId: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    if (!this.capabilities.control) return resolved(fail(SCARD_E_UNSUPPORTED_FEATURE));
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(fail(SCARD_E_INVALID_HANDLE));
    this.crashIfInherited(handle.context);
    return this.calls.now(handle.context, () =>
      this.calls.liveHandle(handle, () => controlOnServer(handle.server, controlCode, data, this.service.personality.codeBugs?.controlNotTransacted === true)),
    );
  }

  /** The simulator models no reader attributes. */
  getAttribute(): Promise<Outcome<Uint8Array>> {
    return resolved(fail(SCARD_E_UNSUPPORTED_FEATURE));
  }

  /** The simulator models no reader attributes. */
  setAttribute(): Promise<number> {
    return resolved(SCARD_E_UNSUPPORTED_FEATURE);
  }

  beginTransaction(handleId: HandleId): Promise<number> {
    if (!this.capabilities.transactions) return resolved(SCARD_E_UNSUPPORTED_FEATURE);
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(SCARD_E_INVALID_HANDLE);
    this.crashIfInherited(handle.context);
    return this.calls.retrying(handle, () => asOutcome(beginTransactionOnServer(handle.server, this.beginTransactionCodes))).then(codeOf);
  }

  endTransaction(handleId: HandleId, disposition: number): Promise<number> {
    if (!this.capabilities.transactions) return resolved(SCARD_E_UNSUPPORTED_FEATURE);
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(SCARD_E_INVALID_HANDLE);
    this.crashIfInherited(handle.context);
    return this.calls
      .now(handle.context, () =>
        this.calls.liveHandle(handle, () =>
          asOutcome(
            endTransactionOnServer(this.service, handle.server, disposition, this.service.personality.codeBugs?.endTransactionResetForRemoved === true),
          ),
        ),
      )
      .then(codeOf);
  }

  disconnect(handleId: HandleId, disposition: number): Promise<number> {
    const handle = this.handles.get(handleId);
    if (handle === undefined) return resolved(SCARD_E_INVALID_HANDLE);
    this.crashIfInherited(handle.context);
    return this.calls
      .waitingOnServer(handle.context, (): ServerReply<Outcome<void>> => {
        if (!handle.open) return fail(SCARD_E_INVALID_HANDLE);
        const reply = disconnectOnServer(this.service, handle.server, disposition);
        if (reply === WAIT_FOR_CHANGE) return reply;
        if (reply === SCARD_S_SUCCESS) this.forgetHandle(handle);
        return asOutcome(reply);
      })
      .then(codeOf);
  }

  /** The application exits: pcscd cleans up after each of its contexts. */
  dispose(): Promise<void> {
    this.disposed = true;
    for (const context of [...this.contexts.values()]) {
      context.cancelWait?.();
      if (this.service.isAlive(context.epoch)) {
        releaseHandlesOnServer(
          this.service,
          [...context.handles].map((handle) => handle.server),
        );
      }
      this.forget(context);
    }
    // calls still waiting inside the service notice their context is gone
    this.service.notifyChange();
    return resolved(undefined);
  }

  private crashIfInherited(context: ClientContext): void {
    if (this.inherited.has(context) && this.service.personality.bugs.inheritedContextCrashes === true) {
      throw new SimulatedProcessCrash('a PC/SC call');
    }
  }

  private forgetHandle(handle: ClientHandle): void {
    handle.open = false;
    this.handles.delete(handle.id);
    handle.context.handles.delete(handle);
  }

  private forget(context: ClientContext): void {
    context.closed = true;
    for (const handle of context.handles) {
      handle.open = false;
      this.handles.delete(handle.id);
    }
    context.handles.clear();
    this.contexts.delete(context.id);
  }
}
