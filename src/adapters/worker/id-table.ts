import type { WorkerProcess } from './worker-process';

export interface WorkerId {
  readonly worker: WorkerProcess;
  /** The id the worker's own driver gave. */
  readonly inner: number;
  /** For a card handle: the (outer) context it was connected through. */
  readonly context?: number;
}

/**
 * Outer ids for the contexts or handles of workers. A new worker's driver may hand out the same
 * numbers as a dead one's, so the application never sees inner ids; an id of a dead worker is
 * simply no longer found (SCARD_E_INVALID_HANDLE).
 */
export class IdTable {
  private readonly entries = new Map<number, WorkerId>();
  private nextId = 1;

  add(entry: WorkerId): number {
    const id = this.nextId++;
    this.entries.set(id, entry);
    return id;
  }

  /** The live entry for an outer id. */
  get(id: number): WorkerId | undefined {
    const entry = this.entries.get(id);
    return entry?.worker.alive ? entry : undefined;
  }

  /** Every live outer id. */
  ids(): number[] {
    return [...this.entries].filter(([, entry]) => entry.worker.alive).map(([id]) => id);
  }

  /** Puts back an entry taken out with delete() under the same id. */
  restore(id: number, entry: WorkerId): void {
    this.entries.set(id, entry);
  }

  delete(id: number): void {
    this.entries.delete(id);
  }

  deleteWhere(matches: (entry: WorkerId) => boolean): void {
    for (const [id, entry] of this.entries) if (matches(entry)) this.entries.delete(id);
  }
}
