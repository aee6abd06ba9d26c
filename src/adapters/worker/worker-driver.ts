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
} from '../../driver/pcsc-driver';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { SCARD_E_INVALID_HANDLE, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { SCARD_INFINITE } from '../../driver/scard-constants';
import { TimeoutError } from '../../errors/pcsc-error';
import { type GuardedTransmitResult, type GuardedTransmitter, type TransmitCheck, transmitGuardedCallByCall } from '../../driver/guarded-transmit';
import { defaultWorkerLaunch } from './entry-location';
import { IdTable, type WorkerId } from './id-table';
import { OwnWorker } from './own-worker';
import { sharedWorkerFor } from './shared-worker';
import { startWorker } from './start-worker';
import type { WorkerProcess } from './worker-process';
import type { WorkerSource } from './worker-source';
import type { WorkerDriverSpec, WorkerStartOptions } from './worker-spec';

const DEFAULT_START_TIMEOUT_MS = 15_000;
/**
 * Without callTimeoutMs, calls that end things (release, disconnect, cancel) still get this bound:
 * they must settle however stuck a card or pcscd is. Past it the worker is killed, which releases
 * everything it held.
 */
export const SETTLING_CALL_BOUND_MS = 3000;
/**
 * The same for establishing a context and listing readers, which a pcscd that is merely slow may
 * hold up for a while (and establishing waits for the first reader list).
 */
const SERVICE_CALL_BOUND_MS = 10_000;
const INVALID: Outcome<never> = fail(SCARD_E_INVALID_HANDLE);

/** What a driver proxied to a worker reports before any worker runs. */
export interface WorkerDriverIdentity {
  readonly name: string;
  readonly platform: DriverPlatform;
  readonly capabilities: DriverCapabilities;
  readonly innerName: string;
}

/**
 * A PcscDriver whose calls run in a freshly exec'd Node process (child_process.fork), which
 * builds the real driver there. PC/SC then works even where this process cannot use it, as in
 * a fork()ed child on OS X El Capitan, and no native call can block this process's event loop.
 *
 * If the worker dies, its pending calls reject with WorkerCrashedError, its context and handle
 * ids answer SCARD_E_INVALID_HANDLE (so the core layer establishes a new context), and the next
 * establishContext starts a new worker.
 */
export class WorkerDriver implements PcscDriver, GuardedTransmitter {
  readonly name: string;
  readonly platform: DriverPlatform;
  readonly capabilities: DriverCapabilities;
  /** The name of the driver inside the worker, e.g. 'pcsclite'. */
  readonly innerName: string;

  private readonly contexts = new IdTable();
  private readonly handles = new IdTable();
  private readonly source: WorkerSource;
  private readonly ownWorker: OwnWorker | undefined;
  private readonly settlingBoundMs: number;
  private readonly serviceBoundMs: number;

  protected constructor(
    identity: WorkerDriverIdentity,
    source: (onEnd: (worker: WorkerProcess) => void) => WorkerSource,
    private readonly callTimeoutMs: number | undefined,
  ) {
    this.name = identity.name;
    this.platform = identity.platform;
    this.capabilities = identity.capabilities;
    this.innerName = identity.innerName;
    this.source = source((ended) => this.forget(ended));
    this.ownWorker = this.source instanceof OwnWorker ? this.source : undefined;
    this.settlingBoundMs = callTimeoutMs ?? SETTLING_CALL_BOUND_MS;
    this.serviceBoundMs = callTimeoutMs ?? SERVICE_CALL_BOUND_MS;
  }

  /** Starts the worker and waits until its driver is built (rejects with its error if it cannot be). */
  static async start(spec: WorkerDriverSpec, options: WorkerStartOptions = {}): Promise<WorkerDriver> {
    const { callTimeoutMs, startTimeoutMs } = checkStartOptions(options);
    const launch = options.launch ?? defaultWorkerLaunch();
    const first = await startWorker(spec, launch, startTimeoutMs);
    const identity = { name: 'worker', platform: first.info.platform, capabilities: first.info.capabilities, innerName: first.info.name };
    return new WorkerDriver(identity, (onEnd) => new OwnWorker(spec, launch, startTimeoutMs, onEnd, first), callTimeoutMs);
  }

  /** The process id of this driver's own running worker (undefined for a shared one, or none running). */
  get pid(): number | undefined {
    return this.ownWorker?.pid;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const worker = await this.source.live();
    const outcome = await worker.call('establishContext', [], this.serviceBoundMs);
    if (outcome.rc !== SCARD_S_SUCCESS || outcome.value === undefined) return outcome;
    return succeed(this.contexts.add({ worker, inner: outcome.value }));
  }

  async releaseContext(context: ContextId): Promise<number> {
    const entry = this.contexts.get(context);
    if (!entry) return SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    this.handles.deleteWhere((handle) => handle.context === context);
    return releasedByKill(entry.worker.call('releaseContext', [entry.inner], this.settlingBoundMs));
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.onContext(context, INVALID, (entry) => entry.worker.call('listReaders', [entry.inner], this.serviceBoundMs));
  }

  getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    // The call legitimately waits up to its own timeout; only time beyond that means a hang.
    const limit = timeoutMs === SCARD_INFINITE ? undefined : this.serviceBoundMs + timeoutMs;
    return this.onContext(context, INVALID, (entry) => entry.worker.call('getStatusChange', [entry.inner, readers, timeoutMs], limit));
  }

  cancel(context: ContextId): Promise<number> {
    return this.onContext(context, SCARD_E_INVALID_HANDLE, (entry) => entry.worker.call('cancel', [entry.inner], this.settlingBoundMs));
  }

  async connect(context: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>> {
    const entry = this.contexts.get(context);
    if (!entry) return INVALID;
    const outcome = await entry.worker.call('connect', [entry.inner, reader, shareMode, preferredProtocols], this.callTimeoutMs);
    if (outcome.rc !== SCARD_S_SUCCESS || outcome.value === undefined) return outcome;
    const handle = this.handles.add({ worker: entry.worker, inner: outcome.value.handle, context });
    return succeed({ handle, protocol: outcome.value.protocol });
  }

  reconnect(handle: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>> {
    return this.onHandle(handle, INVALID, (entry) =>
      entry.worker.call('reconnect', [entry.inner, shareMode, preferredProtocols, initialization], this.callTimeoutMs),
    );
  }

  status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.onHandle(handle, INVALID, (entry) => entry.worker.call('status', [entry.inner], this.callTimeoutMs));
  }

  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const entry = this.handles.get(handle);
    return entry ? entry.worker.transmit(entry.inner, protocol, command, receiveLength, this.callTimeoutMs) : Promise.resolve(INVALID);
  }

  /** The missed-reset guard's check and the transmit in one round trip: the worker makes both. */
  transmitGuarded(
    handle: HandleId,
    protocol: number,
    command: Uint8Array,
    receiveLength: number | undefined,
    check: TransmitCheck,
  ): Promise<GuardedTransmitResult> {
    const entry = this.handles.get(handle);
    const context = check.signal === 'event-counter' ? this.contexts.get(check.context) : undefined;
    // A handle or context this worker no longer has answers as the separate calls would.
    if (!entry || (check.signal === 'event-counter' && context?.worker !== entry.worker)) {
      return transmitGuardedCallByCall(this, handle, protocol, command, receiveLength, check);
    }
    const inner = check.signal === 'event-counter' && context ? { ...check, context: context.inner } : check;
    return entry.worker.transmitGuarded(entry.inner, protocol, command, receiveLength, inner, this.callTimeoutMs);
  }

  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, INVALID, (entry) => entry.worker.call('control', [entry.inner, controlCode, data], this.callTimeoutMs));
  }

  getAttribute(handle: HandleId, attributeId: number): Promise<Outcome<Uint8Array>> {
    return this.onHandle(handle, INVALID, (entry) => entry.worker.call('getAttribute', [entry.inner, attributeId], this.callTimeoutMs));
  }

  setAttribute(handle: HandleId, attributeId: number, value: Uint8Array): Promise<number> {
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (entry) => entry.worker.call('setAttribute', [entry.inner, attributeId, value], this.callTimeoutMs));
  }

  beginTransaction(handle: HandleId): Promise<number> {
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (entry) => entry.worker.call('beginTransaction', [entry.inner], this.callTimeoutMs));
  }

  endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (entry) => entry.worker.call('endTransaction', [entry.inner, disposition], this.callTimeoutMs));
  }

  async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const entry = this.handles.get(handle);
    if (!entry) return SCARD_E_INVALID_HANDLE;
    this.handles.delete(handle);
    const code = await releasedByKill(entry.worker.call('disconnect', [entry.inner, disposition], this.settlingBoundMs));
    // The worker's driver keeps a handle whose disconnect failed, as libpcsclite does; so does this
    // table, unless the handle's context was released meanwhile.
    if (code !== SCARD_S_SUCCESS && entry.context !== undefined && this.contexts.get(entry.context)) this.handles.restore(handle, entry);
    return code;
  }

  /**
   * Releases the contexts still open (a shared worker goes on serving others), then stops the driver's
   * own worker or leaves the shared one (a worker's driver is disposed, then the process exits or is killed). Final.
   */
  async dispose(): Promise<void> {
    const open = this.contexts.ids();
    await Promise.all(open.map((context) => this.releaseContext(context).catch(() => undefined)));
    await this.source.close();
  }

  private onContext<R>(context: ContextId, invalid: R, run: (entry: WorkerId) => Promise<R>): Promise<R> {
    const entry = this.contexts.get(context);
    return entry ? run(entry) : Promise.resolve(invalid);
  }

  private onHandle<R>(handle: HandleId, invalid: R, run: (entry: WorkerId) => Promise<R>): Promise<R> {
    const entry = this.handles.get(handle);
    return entry ? run(entry) : Promise.resolve(invalid);
  }

  private forget(worker: WorkerProcess): void {
    this.contexts.deleteWhere((entry) => entry.worker === worker);
    this.handles.deleteWhere((entry) => entry.worker === worker);
  }
}

/**
 * The worker source of a native binding's driver: the worker process this process shares for that
 * binding (started on the first establishContext, stopped a moment after its last driver is disposed).
 */
export function sharedBindingWorker(binding: 'pcsclite' | 'smartcard', options: WorkerStartOptions): (onEnd: (worker: WorkerProcess) => void) => WorkerSource {
  const { startTimeoutMs } = checkStartOptions(options);
  const launch = options.launch ?? defaultWorkerLaunch();
  return (onEnd) => sharedWorkerFor({ kind: binding }, launch, startTimeoutMs).lease(onEnd);
}

function checkStartOptions(options: WorkerStartOptions): { callTimeoutMs: number | undefined; startTimeoutMs: number } {
  const { callTimeoutMs, startTimeoutMs = DEFAULT_START_TIMEOUT_MS } = options;
  for (const [option, value] of [
    ['callTimeoutMs', callTimeoutMs],
    ['startTimeoutMs', startTimeoutMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw InvalidArgumentError.expected(`worker.${option}`, 'a positive number of milliseconds', value, 'WorkerDriver.start');
    }
  }
  return { callTimeoutMs, startTimeoutMs };
}

/**
 * A release or disconnect that did not settle within its bound got the worker killed, and a killed
 * process's contexts and handles are released by pcscd: what the call asked for has happened.
 */
function releasedByKill(call: Promise<number>): Promise<number> {
  return call.catch((error: unknown) => {
    if (error instanceof TimeoutError) return SCARD_S_SUCCESS;
    throw error;
  });
}
