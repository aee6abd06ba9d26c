import { startWorker } from './start-worker';
import { workerDisposed } from './worker-errors';
import { WorkerProcess } from './worker-process';
import type { WorkerSource } from './worker-source';
import type { WorkerDriverSpec, WorkerLaunch } from './worker-spec';

/**
 * How long a shared worker stays after its last driver is disposed, so that an application opening
 * and closing clients in a row does not start a process per client. An idle worker never keeps the
 * application alive.
 */
const LINGER_MS = 1000;

/** One worker process shared by every driver of this process that runs the same binding. */
class SharedWorker {
  private current: WorkerProcess | undefined;
  private starting: Promise<WorkerProcess> | undefined;
  private users = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  private readonly endListeners = new Set<(worker: WorkerProcess) => void>();

  constructor(
    private readonly spec: WorkerDriverSpec,
    private readonly launch: WorkerLaunch,
    private readonly startTimeoutMs: number,
  ) {}

  lease(onEnd: (worker: WorkerProcess) => void): WorkerSource {
    this.users++;
    this.stopLingering();
    this.endListeners.add(onEnd);
    let closed = false;
    return {
      live: () => (closed ? Promise.reject(workerDisposed('SCardEstablishContext')) : this.live()),
      close: async () => {
        if (closed) return;
        closed = true;
        this.endListeners.delete(onEnd);
        this.leave();
      },
    };
  }

  private live(): Promise<WorkerProcess> {
    if (this.current?.alive) return Promise.resolve(this.current);
    this.starting ??= startWorker(this.spec, this.launch, this.startTimeoutMs).then(
      (started) => {
        this.starting = undefined;
        this.current = new WorkerProcess(started.child, (ended) => this.ended(ended));
        if (this.users === 0) this.linger();
        return this.current;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  private ended(worker: WorkerProcess): void {
    for (const listener of [...this.endListeners]) listener(worker);
  }

  private leave(): void {
    this.users--;
    if (this.users === 0) this.linger();
  }

  private linger(): void {
    this.stopLingering();
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.users === 0) void this.current?.stop();
    }, LINGER_MS);
    this.lingerTimer.unref();
  }

  private stopLingering(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }
}

const sharedWorkers = new Map<string, SharedWorker>();

/** The worker shared by every driver that runs the binding `spec` names (started on first use). */
export function sharedWorkerFor(spec: { readonly kind: 'pcsclite' | 'smartcard' }, launch: WorkerLaunch, startTimeoutMs: number): SharedWorker {
  let shared = sharedWorkers.get(spec.kind);
  if (!shared) {
    shared = new SharedWorker(spec, launch, startTimeoutMs);
    sharedWorkers.set(spec.kind, shared);
  }
  return shared;
}
