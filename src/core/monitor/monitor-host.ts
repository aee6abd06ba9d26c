import type { ReaderChange } from './reader-diff';

/** What a ReaderMonitor needs from the Pcsc that runs it. */
export interface MonitorHost {
  /** The monitor's own context showed that the service is gone. */
  reportLoss(error: Error): void;
  /** False while the service is known to be lost. */
  isUp(): boolean;
  /** Resolves once the service answers again; rejects when `signal` aborts. */
  whenUp(signal: AbortSignal): Promise<void>;
  change(change: ReaderChange): void;
  error(error: Error): void;
}

/** How the reader monitor watches readers. */
export interface MonitorOptions {
  /** Longest wait in one getStatusChange where PnP notification or SCardCancel is missing. Default 1000 ms. */
  readonly pollMs?: number;
}
