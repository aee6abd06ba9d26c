import { bytesFromInput, type ByteInput } from '../apdu/byte-input';
import { SCARD_E_UNKNOWN_READER } from '../driver/return-codes';
import { errorFromCode } from '../errors/error-table';
import type { PcscEmitter } from './pcsc-emitter';
import type { ReaderInfo } from './reader-info';
import { checkOptions, checkSignal, checkTimeout, startTimer, timeoutError } from './deadline';
import { keepProcessAlive } from './keep-alive';
import { checkReaderName } from './reader-name';
import { abortReason } from './recovery/abort';

/** Options of {@link Pcsc.waitForCard}. */
export interface WaitForCardOptions {
  /** Only this reader (its PC/SC name). A reader that is not attached when the wait starts is UnknownReaderError. */
  readonly reader?: string;
  /** Only a card with this ATR, or one the function accepts. */
  readonly atr?: ByteInput | ((atr: Uint8Array) => boolean);
  /** Milliseconds to wait before rejecting with TimeoutError; default: no limit. */
  readonly timeout?: number;
  /**
   * Stops waiting: the promise rejects with AbortedError, whose `cause` is the signal's reason
   * (TimeoutError for `AbortSignal.timeout()`; a library error given as the reason is kept as is).
   */
  readonly signal?: AbortSignal;
}

/**
 * Waits for a matching card: one already present counts; otherwise the next insertion.
 * Bad options reject (never throw) with InvalidArgumentError.
 */
export function waitForCard(
  emitter: PcscEmitter,
  currentReaders: () => Promise<ReadonlyMap<string, ReaderInfo>>,
  given: WaitForCardOptions | undefined,
): Promise<ReaderInfo> {
  let matches: (reader: ReaderInfo) => boolean;
  let timeout: number | undefined;
  let signal: AbortSignal | undefined;
  let wanted: string | undefined;
  try {
    const options = checkOptions<WaitForCardOptions>(given, 'waitForCard');
    wanted = options.reader;
    timeout = checkTimeout(options.timeout, 'waitForCard');
    signal = checkSignal(options.signal, 'waitForCard');
    matches = matcher(options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (signal?.aborted) return Promise.reject(abortReason(signal, 'waitForCard'));
  return new Promise<ReaderInfo>((resolve, reject) => {
    let cancelTimer: (() => void) | undefined;
    let settled = false;
    // The caller waits for a card: the process stays until the promise settles.
    const release = keepProcessAlive();
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      release();
      cancelTimer?.();
      emitter.off('card-inserted', onInserted);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onInserted = (reader: ReaderInfo): void => {
      if (matches(reader)) finish(() => resolve(reader));
    };
    const onAbort = (): void => finish(() => reject(abortReason(signal as AbortSignal, 'waitForCard')));
    // Listen first, then look: an insertion between the two cannot slip through.
    emitter.on('card-inserted', onInserted);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined) {
      const ms = timeout;
      cancelTimer = startTimer(ms, () => finish(() => reject(timeoutError('waitForCard', ms, 'No matching card'))));
    }
    currentReaders().then(
      (readers) => {
        if (wanted !== undefined && !readers.has(wanted)) {
          const known = [...readers.keys()].map((name) => JSON.stringify(name)).join(', ') || 'none';
          finish(() => reject(errorFromCode(SCARD_E_UNKNOWN_READER, 'waitForCard', `No reader named ${JSON.stringify(wanted)} (readers: ${known}).`)));
          return;
        }
        const present = [...readers.values()].find(matches);
        if (present) finish(() => resolve(present));
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

function matcher(options: WaitForCardOptions): (reader: ReaderInfo) => boolean {
  const { reader, atr } = options;
  if (reader !== undefined) checkReaderName(reader, 'waitForCard', 'reader');
  const atrMatches = atrMatcher(atr);
  return (info) => info.atr !== undefined && (reader === undefined || info.name === reader) && atrMatches(info.atr);
}

function atrMatcher(atr: WaitForCardOptions['atr']): (value: Uint8Array) => boolean {
  if (atr === undefined) return () => true;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- a JavaScript predicate may answer a truthy non-boolean
  if (typeof atr === 'function') return (value) => atr(value) === true;
  const wanted = bytesFromInput(atr, 'ATR byte');
  return (value) => value.length === wanted.length && value.every((byte, i) => byte === wanted[i]);
}
