import { type CardStatusResult, type ConnectResult, type ContextId, type DriverCapabilities, type DriverPlatform, type HandleId, type Outcome, type PcscDriver, type ReaderStateQuery, type ReaderStateResult, fail, succeed } from '../../pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_S_SUCCESS } from '../../return-codes';
import { SCARD_INFINITE } from '../../scard-constants';
import { defaultWorkerLaunch } from './entry-location';
import { IdTable, type WorkerId } from './id-table';
import { startWorker, type StartedWorker } from './start-worker';
import { workerDisposed } from './worker-errors';
import { WorkerProcess } from './worker-process';
import type { WorkerDriverSpec, WorkerLaunch, WorkerStartOptions } from './worker-spec';

const DEFAULT_START_TIMEOUT_MS = 15_000;
const INVALID: Outcome<never> = fail(SCARD_E_INVALID_HANDLE);

/**
 * A PcscDriver whose calls run in a freshly exec'd Node process (child_process.fork), which
 * builds the real driver there. PC/SC then works even where this process cannot use it, as in
 * a fork()ed child on OS X El Capitan.
 *
 * If the worker dies, its pending calls reject with WorkerCrashedError, its context and handle
 * ids answer SCARD_E_INVALID_HANDLE (so the core layer establishes a new context), and the next
 * establishContext starts a new worker.
 */
export class WorkerDriver implements PcscDriver {
  readonly name = 'worker';
  readonly platform: DriverPlatform;
  readonly capabilities: DriverCapabilities;
  /** The name of the driver inside the worker, e.g. 'pcsclite'. */
  readonly innerName: string;

  private readonly contexts = new IdTable();
  private readonly handles = new IdTable();
  /** The latest worker, kept after it ended so dispose() can wait for its exit. */
  private current: WorkerProcess | undefined;
  private starting: Promise<WorkerProcess> | undefined;
  private disposed = false;

  private constructor(
    private readonly spec: WorkerDriverSpec,
    private readonly launch: WorkerLaunch,
    private readonly callTimeoutMs: number | undefined,
    private readonly startTimeoutMs: number,
    first: StartedWorker,
  ) {
    this.platform = first.info.platform;
    this.capabilities = first.info.capabilities;
    this.innerName = first.info.name;
    this.current = this.adopt(first);
  }

  /** Starts the worker and waits until its driver is built (rejects with its error if it cannot be). */
  static async start(spec: WorkerDriverSpec, options: WorkerStartOptions = {}): Promise<WorkerDriver> {
    const { callTimeoutMs, startTimeoutMs = DEFAULT_START_TIMEOUT_MS } = options;
    for (const [option, value] of [['callTimeoutMs', callTimeoutMs], ['startTimeoutMs', startTimeoutMs]] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
        throw new RangeError(`WorkerStartOptions.${option} must be a positive number of milliseconds, not ${value}.`);
      }
    }
    const launch = options.launch ?? defaultWorkerLaunch();
    const first = await startWorker(spec, launch, startTimeoutMs);
    return new WorkerDriver(spec, launch, callTimeoutMs, startTimeoutMs, first);
  }

  /** The process id of the running worker, if one is running. */
  get pid(): number | undefined {
    return this.current?.alive ? this.current.pid : undefined;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const worker = await this.liveWorker();
    const outcome = await worker.call('establishContext', [], this.callTimeoutMs);
    if (outcome.rc !== SCARD_S_SUCCESS || outcome.value === undefined) return outcome;
    return succeed(this.contexts.add({ worker, inner: outcome.value }));
  }

  async releaseContext(context: ContextId): Promise<number> {
    const entry = this.contexts.get(context);
    if (!entry) return SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    this.handles.deleteWhere((handle) => handle.context === context);
    return entry.worker.call('releaseContext', [entry.inner], this.callTimeoutMs);
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.onContext(context, INVALID, (entry) => entry.worker.call('listReaders', [entry.inner], this.callTimeoutMs));
  }

  getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    // The call legitimately waits up to its own timeout; only time beyond that means a hang.
    const limit = this.callTimeoutMs === undefined || timeoutMs === SCARD_INFINITE ? undefined : this.callTimeoutMs + timeoutMs;
    return this.onContext(context, INVALID, (entry) => entry.worker.call('getStatusChange', [entry.inner, readers, timeoutMs], limit));
  }

  cancel(context: ContextId): Promise<number> {
    return this.onContext(context, SCARD_E_INVALID_HANDLE, (entry) => entry.worker.call('cancel', [entry.inner], this.callTimeoutMs));
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
    return this.onHandle(handle, SCARD_E_INVALID_HANDLE, (entry) =>
      entry.worker.call('endTransaction', [entry.inner, disposition], this.callTimeoutMs),
    );
  }

  disconnect(handle: HandleId, disposition: number): Promise<number> {
    const entry = this.handles.get(handle);
    if (!entry) return Promise.resolve(SCARD_E_INVALID_HANDLE);
    this.handles.delete(handle);
    return entry.worker.call('disconnect', [entry.inner, disposition], this.callTimeoutMs);
  }

  /** Stops the worker (its driver is disposed, then the process exits or is killed). Final. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.starting?.catch(() => undefined);
    await this.current?.stop();
  }

  private onContext<R>(context: ContextId, invalid: R, run: (entry: WorkerId) => Promise<R>): Promise<R> {
    const entry = this.contexts.get(context);
    return entry ? run(entry) : Promise.resolve(invalid);
  }

  private onHandle<R>(handle: HandleId, invalid: R, run: (entry: WorkerId) => Promise<R>): Promise<R> {
    const entry = this.handles.get(handle);
    return entry ? run(entry) : Promise.resolve(invalid);
  }

  private liveWorker(): Promise<WorkerProcess> {
    if (this.disposed) return Promise.reject(workerDisposed('SCardEstablishContext'));
    if (this.current?.alive) return Promise.resolve(this.current);
    this.starting ??= startWorker(this.spec, this.launch, this.startTimeoutMs).then(
      (started) => {
        this.starting = undefined;
        const worker = this.adopt(started);
        // dispose() stops it: it awaits this promise and then stops the current worker.
        if (this.disposed) throw workerDisposed('SCardEstablishContext');
        return worker;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  private adopt(started: StartedWorker): WorkerProcess {
    const worker = new WorkerProcess(started.child, (ended) => this.forget(ended));
    this.current = worker;
    return worker;
  }

  private forget(worker: WorkerProcess): void {
    this.contexts.deleteWhere((entry) => entry.worker === worker);
    this.handles.deleteWhere((entry) => entry.worker === worker);
  }
}
