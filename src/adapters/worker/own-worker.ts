import { startWorker, type StartedWorker } from './start-worker';
import { workerDisposed } from './worker-errors';
import { WorkerProcess } from './worker-process';
import type { WorkerSource } from './worker-source';
import type { WorkerDriverSpec, WorkerLaunch } from './worker-spec';

/** A worker process of one driver's own: replaced when it dies, stopped by close(). */
export class OwnWorker implements WorkerSource {
  /** The latest worker, kept after it ended so close() can wait for its exit. */
  private current: WorkerProcess | undefined;
  private starting: Promise<WorkerProcess> | undefined;
  private closed = false;

  constructor(
    private readonly spec: WorkerDriverSpec,
    private readonly launch: WorkerLaunch,
    private readonly startTimeoutMs: number,
    private readonly onEnd: (worker: WorkerProcess) => void,
    first?: StartedWorker,
  ) {
    if (first) this.adopt(first);
  }

  get pid(): number | undefined {
    return this.current?.alive ? this.current.pid : undefined;
  }

  live(): Promise<WorkerProcess> {
    if (this.closed) return Promise.reject(workerDisposed('SCardEstablishContext'));
    if (this.current?.alive) return Promise.resolve(this.current);
    this.starting ??= startWorker(this.spec, this.launch, this.startTimeoutMs).then(
      (started) => {
        this.starting = undefined;
        const worker = this.adopt(started);
        // close() stops it: it awaits this promise and then stops the current worker.
        if (this.closed) throw workerDisposed('SCardEstablishContext');
        return worker;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.current?.stop();
  }

  private adopt(started: StartedWorker): WorkerProcess {
    const worker = new WorkerProcess(started.child, this.onEnd);
    this.current = worker;
    return worker;
  }
}
