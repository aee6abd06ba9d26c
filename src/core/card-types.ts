import type { HandleId, PcscDriver } from '../driver/pcsc-driver';
import type { NoServiceError } from '../errors/pcsc-error';
import type { CardState } from './card-state';
import type { Protocol } from './share-protocol';
import type { CallLimits } from './deadline';
import type { Card } from './card';

/** What a Card needs from the Pcsc that opened it. */
export interface CardHost {
  readonly driver: PcscDriver;
  /** A new handle on the same reader with the same share mode and protocols (reconnect fallback). */
  connectAgain(): Promise<{ handle: HandleId; protocol: number }>;
  /** A call on the handle showed that the service is gone. */
  serviceLost(error: NoServiceError): void;
  /** The application disconnected this card; the host forgets it. */
  forget(card: Card): void;
  /** Grows each time the host establishes a new PC/SC context (see ServiceContext.generation). */
  serviceGeneration(): number;
  /**
   * Asks the service whether the host's context still lives, so a restart raises the generation.
   * Resolves false when the service does not answer at all (it is gone, and every handle with it).
   */
  checkService(): Promise<boolean>;
  /** Whether the service still lists `reader`; undefined when the listing itself failed. */
  readerListed(reader: string): Promise<boolean | undefined>;
  /** Whether the card left `reader` now or within a poll or two of the reader (see cardLeft); undefined when its state could not be read. */
  cardLeft(reader: string): Promise<boolean | undefined>;
}

/** Options of one transmit. */
export interface TransmitOptions extends CallLimits {
  /**
   * Milliseconds to wait for the answer (queueing behind earlier commands included); then the
   * promise rejects with TimeoutError. The command itself is not interrupted: later commands
   * on this card wait until it has finished.
   */
  readonly timeout?: number;
  /**
   * Aborting rejects with AbortedError, whose `cause` is the signal's reason (TimeoutError for
   * `AbortSignal.timeout()`; a library error given as the reason is kept as is); a command not
   * yet sent is never sent.
   */
  readonly signal?: AbortSignal;
}

/** Opens the message of the error for an answer without a status word (PySCard's wording). */
export const NO_VALID_RESPONSE = 'Card returned no valid response';

export interface CardBehaviour {
  readonly onReset: 'throw' | 'reconnect';
  readonly restore: ((card: Card) => Promise<void> | void) | undefined;
  /** Complete 61xx / 6Cxx answers; undefined: only under T=0. */
  readonly getResponse: boolean | undefined;
}

/** How the handle was opened, reused by reconnect. */
export interface ConnectionParameters {
  readonly reader: string;
  readonly shareMode: number;
  readonly protocols: number;
}

/** What SCardStatus reports about a connected card. */
export interface CardStatus {
  /** The reader's PC/SC name. */
  readonly reader: string;
  /** 'specific' once a protocol is set, 'powered', 'absent', ... (see CardState). */
  readonly state: CardState;
  /** The raw SCARD_ABSENT ... SCARD_SPECIFIC bits, event counter in the upper 16 bits. */
  readonly stateBits: number;
  /** The protocol in use, or undefined for a direct connection. */
  readonly protocol: Protocol | undefined;
  /** The card's Answer To Reset. */
  readonly atr: Uint8Array;
}
