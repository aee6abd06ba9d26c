import type { WorkerProcess } from './worker-process';

/** Where a WorkerDriver gets its worker process from. */
export interface WorkerSource {
  /** A running worker, started now if none runs. */
  live(): Promise<WorkerProcess>;
  /** The driver is done with workers (final): its own worker stops, a shared one loses a user. */
  close(): Promise<void>;
}
