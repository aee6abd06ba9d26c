import { bytesFromInput, type ByteInput } from '../apdu/byte-input';
import { SCARD_E_TIMEOUT, SCARD_E_UNKNOWN_READER } from '../driver/return-codes';
import { errorFromCode } from '../errors/error-table';
import type { PcscEmitter } from './pcsc-emitter';
import type { ReaderInfo } from './reader-info';
import { checkTimeout } from './deadline';
import { abortReason } from './recovery/abort';

export interface WaitForCardOptions {
  /** Only this reader (its PC/SC name). A reader that is not attached when the wait starts is UnknownReaderError. */
  readonly reader?: string;
  /** Only a card with this ATR, or one the function accepts. */
  readonly atr?: ByteInput | ((atr: Uint8Array) => boolean);
  /** Milliseconds to wait before rejecting with TimeoutError; default: no limit. */
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

/** The longest interval Node allows: it never fires in practice, it only holds the event loop. */
const KEEP_ALIVE_MS = 0x7fffffff;

/** Waits for a matching card: one already present counts; otherwise the next insertion. */
export function waitForCard(
  emitter: PcscEmitter,
  currentReaders: () => Promise<ReadonlyMap<string, ReaderInfo>>,
  options: WaitForCardOptions,
): Promise<ReaderInfo> {
  checkTimeout(options.timeout, 'waitForCard');
  const matches = matcher(options);
  options.signal?.throwIfAborted();
  return new Promise<ReaderInfo>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    // Someone awaits this: it keeps the process alive as its own timeout would. A signal's timer
    // (AbortSignal.timeout) does not, and a driver's waits need not (the 'pcscd' driver's do not).
    const keepAlive = options.timeout === undefined ? setInterval(() => undefined, KEEP_ALIVE_MS) : undefined;
    const finish = (settle: () => void): void => {
      if (timer) clearTimeout(timer);
      if (keepAlive) clearInterval(keepAlive);
      emitter.off('card-inserted', onInserted);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onInserted = (reader: ReaderInfo): void => {
      if (matches(reader)) finish(() => resolve(reader));
    };
    const onAbort = (): void => finish(() => reject(abortReason(options.signal as AbortSignal)));
    // Listen first, then look: an insertion between the two cannot slip through.
    emitter.on('card-inserted', onInserted);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeout !== undefined) {
      const ms = options.timeout;
      timer = setTimeout(() => finish(() => reject(errorFromCode(SCARD_E_TIMEOUT, 'waitForCard', `No matching card within ${ms} ms.`))), ms);
    }
    currentReaders().then(
      (readers) => {
        if (options.reader !== undefined && !readers.has(options.reader)) {
          const known = [...readers.keys()].map((name) => JSON.stringify(name)).join(', ') || 'none';
          finish(() => reject(errorFromCode(SCARD_E_UNKNOWN_READER, 'waitForCard', `No reader named ${JSON.stringify(options.reader)} (readers: ${known}).`)));
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
  if (reader !== undefined && (typeof reader !== 'string' || reader.length === 0)) {
    throw new TypeError('waitForCard: reader must be a non-empty string.');
  }
  const atrMatches = atrMatcher(atr);
  return (info) => info.atr !== undefined && (reader === undefined || info.name === reader) && atrMatches(info.atr);
}

function atrMatcher(atr: WaitForCardOptions['atr']): (value: Uint8Array) => boolean {
  if (atr === undefined) return () => true;
  if (typeof atr === 'function') return atr;
  const wanted = bytesFromInput(atr, 'ATR byte');
  return (value) => value.length === wanted.length && value.every((byte, i) => byte === wanted[i]);
}
