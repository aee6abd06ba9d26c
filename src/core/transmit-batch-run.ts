import type { ResponseApdu } from '../apdu/response-apdu';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { checkSignal, checkTimeout, startTimer, timeoutError, type CallLimits, type Deadline } from './deadline';
import { abortReason } from './recovery/abort';

/** One command's result in a batch: its answer, or its own typed error. */
export type BatchResult =
  | {
      /** The command was answered. */
      readonly ok: true;
      /** The card's answer (after any T=0 GET RESPONSE completion). */
      readonly response: ResponseApdu;
      /** No error when answered. */
      readonly error?: undefined;
    }
  | {
      /** The command failed. */
      readonly ok: false;
      /** What a transmit() of this command alone would have rejected with (a PcscError subclass). */
      readonly error: Error;
      /** No answer on failure. */
      readonly response?: undefined;
    };

/** Options of Card.transmitBatch. */
export interface TransmitBatchOptions extends CallLimits {
  /**
   * Milliseconds for the whole batch; then every command not answered yet fails with
   * TimeoutError. Commands already written still run (pcscd runs what it has read); the rest
   * are never sent.
   */
  readonly timeout?: number;
  /** Aborting fails every command not answered yet with the signal's reason; the rest are never sent. */
  readonly signal?: AbortSignal;
  /**
   * Runs the batch inside one transaction (SCardBeginTransaction / SCardEndTransaction, as
   * card.transaction() does), so no other application's command lands between the batch's.
   * Default false.
   */
  readonly transaction?: boolean;
}

/** The state of one batch while it runs: where results are recorded, and whether its caller gave up. */
export class BatchRun implements Deadline {
  private readonly results: Array<BatchResult | undefined>;
  private gaveUp = false;

  constructor(readonly size: number) {
    this.results = new Array<BatchResult | undefined>(size).fill(undefined);
  }

  /** The caller stopped waiting (timeout or abort): nothing more is written or recorded. */
  get expired(): boolean {
    return this.gaveUp;
  }

  /** For the driver's BatchControl: asked before each command is written. */
  readonly stopped = (): boolean => this.gaveUp;

  answered(index: number, response: ResponseApdu): void {
    if (!this.gaveUp) this.results[index] = { ok: true, response };
  }

  failed(index: number, error: unknown): void {
    if (!this.gaveUp) this.results[index] = { ok: false, error: asError(error) };
  }

  /** Every command from `index` on fails with `error` (e.g. the handle died). */
  failedFrom(index: number, error: unknown): void {
    for (let at = index; at < this.size; at += 1) this.failed(at, error);
  }

  /** Ends the run: each command without a result gets `errorFor(index)`; the results are frozen. */
  finish(errorFor: (index: number) => unknown): readonly BatchResult[] {
    const done = this.results.map((result, index) => result ?? { ok: false as const, error: asError(errorFor(index)) });
    this.gaveUp = true;
    return Object.freeze(done);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** `transaction` must be undefined or a boolean. */
export function checkTransactionFlag(value: unknown, call: string): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw InvalidArgumentError.expected('transaction', 'true or false', value, call);
}

/**
 * Runs `work` over a BatchRun and resolves with every command's result: when the work ends, or
 * when `limits.timeout` passes or `limits.signal` aborts, whichever comes first (commands not
 * answered by then get TimeoutError / the abort's error). An error the work throws is the result
 * of each command it left without one. Never rejects.
 */
export function settleBatch(call: string, size: number, limits: CallLimits, work: (run: BatchRun) => Promise<void>): Promise<readonly BatchResult[]> {
  const timeout = checkTimeout(limits.timeout, call);
  const signal = checkSignal(limits.signal, call);
  const run = new BatchRun(size);
  if (signal?.aborted) return Promise.resolve(run.finish(() => abortReason(signal, call)));
  return new Promise((resolve) => {
    let cancelTimer: (() => void) | undefined;
    const end = (errorFor: (index: number) => unknown): void => {
      if (run.expired) return;
      cancelTimer?.();
      signal?.removeEventListener('abort', onAbort);
      resolve(run.finish(errorFor));
    };
    const onAbort = (): void => end(() => abortReason(signal as AbortSignal, call));
    if (timeout !== undefined) cancelTimer = startTimer(timeout, () => end(() => timeoutError(call, timeout)));
    signal?.addEventListener('abort', onAbort, { once: true });
    work(run).then(
      () => end(() => new Error(`${call}: the batch ended without an answer for this command.`)),
      (error: unknown) => end(() => error),
    );
  });
}
