import type { DriverName } from '../driver-name';

/** A module file whose export is a factory of the driver to run inside the worker. */
export interface WorkerModuleSpec {
  /** Marks a module spec. */
  readonly kind: 'module';
  /** File path of a CommonJS or ES module (relative paths are taken from the current directory). */
  readonly path: string;
  /**
   * The export holding the factory, `() => PcscDriver | Promise<PcscDriver>`.
   * Default: `default`, or the module itself when it is a function.
   */
  readonly exportName?: string;
}

/** The driver a worker builds: a named driver, the first of several that loads ('auto'), or a module's. */
export type WorkerDriverSpec =
  | {
      /** The driver's name, or 'auto' for the first of `order` that the worker can build. */
      readonly kind: 'auto' | DriverName;
      /** With 'auto': the names to try, best first (the composition root passes its 'auto' order). Default: every adapter. */
      readonly order?: readonly DriverName[];
    }
  | WorkerModuleSpec;

/** How to start the worker: its entry script and the Node flags it needs. */
export interface WorkerLaunch {
  /** The script the worker process runs. */
  readonly entryPath: string;
  /** Node.js flags for the worker process (e.g. a TypeScript loader). */
  readonly execArgv: readonly string[];
}

/** How a worker child process is started and watched. */
export interface WorkerStartOptions {
  /**
   * Milliseconds a call may stay unanswered before the worker is presumed hung: the call rejects
   * with TimeoutError (SCARD_E_TIMEOUT), the worker is killed and the next call starts a new one.
   * getStatusChange gets its own timeout on top of this, and never times out when that is
   * SCARD_INFINITE. beginTransaction counts waiting for another application's transaction.
   * Default: no limit.
   */
  readonly callTimeoutMs?: number;
  /** Milliseconds a worker may take to start and build its driver. Default 15000. */
  readonly startTimeoutMs?: number;
  /** Where the worker entry is. Default: `worker-entry.js` beside the built library, or the TypeScript source under tsx. */
  readonly launch?: WorkerLaunch;
}
