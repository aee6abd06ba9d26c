import { listDiff } from './list-diff';
import { Observable, type Observer } from './observer';
import type { Reader } from './reader';
import { readers } from './system';

/** [addedreaders, removedreaders], what ReaderObserver.update receives. */
export type ReaderChanges = [addedreaders: Reader[], removedreaders: Reader[]];

/** Base class for objects told about reader attachment and removal; override update(). */
export class ReaderObserver implements Observer<ReaderMonitor, ReaderChanges> {
  /** Called with the monitor and [added readers, removed readers]; does nothing here. */
  update(_observable: ReaderMonitor, _handlers: ReaderChanges): void {
    // Subclasses react to the changes.
  }
}

/** How a ReaderMonitor polls, as PySCard's ReaderMonitor(startOnDemand, readerProc, period). */
export interface ReaderMonitorOptions {
  /** Monitor only while there are observers (default true). */
  readonly startOnDemand?: boolean;
  /** Lists the readers; default readers(). */
  readonly readerProc?: () => Promise<Reader[]> | Reader[];
  /** Seconds between polls (default 1). */
  readonly period?: number;
}

/**
 * PySCard's ReaderMonitor: observers get update(monitor, [added, removed]) when readers come or go.
 * Polls `readerProc` every `period` seconds without keeping Node running by itself.
 */
export class ReaderMonitor extends Observable<ReaderChanges> {
  /** Whether monitoring runs only while there are observers. */
  readonly startOnDemand: boolean;
  /** Lists the readers at each poll. */
  readonly readerProc: () => Promise<Reader[]> | Reader[];
  /** Seconds between polls. */
  readonly period: number;
  /** The readers seen at the last poll. */
  readers: Reader[] = [];
  private running: AbortController | undefined;

  constructor(options: ReaderMonitorOptions = {}) {
    super();
    this.startOnDemand = options.startOnDemand ?? true;
    this.readerProc = options.readerProc ?? (() => readers());
    this.period = options.period ?? 1;
    if (!this.startOnDemand) this.start();
  }

  /** Adds `observer` and starts monitoring on demand; with startOnDemand false it is told at once of the readers already known. */
  override addObserver(observer: Observer<this, ReaderChanges>): void {
    super.addObserver(observer);
    if (!this.startOnDemand) observer.update(this, [[...this.readers], []]);
    else if (!this.running) this.start();
  }

  /** Removes `observer` (throws Error when it is not registered); on demand, monitoring stops with the last one. */
  override deleteObserver(observer: Observer<this, ReaderChanges>): void {
    super.deleteObserver(observer);
    if (this.startOnDemand && this.countObservers() === 0) this.stop();
  }

  /** Stops monitoring. */
  stop(): void {
    this.running?.abort();
    this.running = undefined;
  }

  override toString(): string {
    return 'ReaderMonitor';
  }

  private start(): void {
    const controller = new AbortController();
    this.running = controller;
    void this.run(controller.signal);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        if (this.countObservers() > 0) this.poll(await this.readerProc(), signal);
      } catch (error) {
        // As PySCard: report the failure and end monitoring.
        console.error(error);
        if (this.running?.signal === signal) this.running = undefined;
        return;
      }
      await pause(this.period * 1000, signal);
    }
  }

  private poll(current: Reader[], signal: AbortSignal): void {
    if (signal.aborted) return;
    const { added, removed } = listDiff(this.readers, current);
    if (added.length === 0 && removed.length === 0) return;
    this.readers = [...current];
    this.setChanged();
    this.notifyObservers([added, removed]);
  }
}

/** A wait that stops early on `signal` and does not keep Node running. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(finish, ms);
    timer.unref();
    signal.addEventListener('abort', finish, { once: true });
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
  });
}
