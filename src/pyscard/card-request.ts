import { PcscError } from '../errors/pcsc-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ReaderInfo } from '../core/reader-info';
import { SCARD_E_UNKNOWN_READER } from '../driver/return-codes';
import { SCARD_STATE_PRESENT } from '../driver/scard-constants';
import { Card } from './card';
import { PassThruCardService, type CardService, type CardServiceClass } from './card-service';
import { AnyCardType, type CardType } from './card-type';
import { CardRequestException, CardRequestTimeoutException, ListReadersException } from './exceptions';
import { Reader } from './reader';
import { PollingReaderStateSource, type ReaderStateSource } from './reader-state-source';
import { SCardGetErrorMessage } from './scard/error-message';
import { readers } from './system';

/** PySCard's CardRequest keyword arguments (newcardonly, readers, cardType, cardServiceClass, timeout). */
export interface CardRequestOptions {
  /** Only a card inserted after the request started satisfies it (default false: present cards do). */
  readonly newcardonly?: boolean;
  /** Readers to watch (Reader objects or names); default every reader, including ones attached later. */
  readonly readers?: ReadonlyArray<Reader | string> | null;
  /** Which cards qualify; default AnyCardType. */
  readonly cardType?: CardType | null;
  /** The service waitforcard() binds to the card; default PassThruCardService. */
  readonly cardServiceClass?: CardServiceClass | null;
  /** Seconds to wait (default 1); null waits forever. */
  readonly timeout?: number | null;
  /** Where reader state comes from; default polling every 100 ms as PySCard does. */
  readonly stateSource?: ReaderStateSource;
}

/** PySCard's CardRequest: waits for a card (waitforcard) or for the present cards (waitforcardevent). */
export class CardRequest {
  /** Whether only a card inserted after the request started qualifies. */
  readonly newcardonly: boolean;
  /** The readers given to watch; null watches every reader. */
  readonly readersAsked: ReadonlyArray<Reader | string> | null;
  /** Which cards qualify. */
  readonly cardType: CardType;
  /** The service waitforcard() binds to the card. */
  readonly cardServiceClass: CardServiceClass;
  /** Seconds, or null for no limit. */
  readonly timeout: number | null;
  private readonly source: ReaderStateSource;

  constructor(options: CardRequestOptions = {}) {
    this.newcardonly = options.newcardonly ?? false;
    this.readersAsked = options.readers ?? null;
    this.cardType = options.cardType ?? new AnyCardType();
    this.cardServiceClass = options.cardServiceClass ?? PassThruCardService;
    this.timeout = requestTimeout(options.timeout);
    this.source = options.stateSource ?? new PollingReaderStateSource();
  }

  /** The readers this request watches. */
  async getReaders(): Promise<Array<Reader | string>> {
    return this.readersAsked ? [...this.readersAsked] : readers();
  }

  /** Resolves with a card service bound to the first qualifying card; CardRequestTimeoutException after `timeout`. */
  async waitforcard(): Promise<CardService> {
    const deadline = this.deadline();
    const wasPresent = new Map<string, boolean>();
    const initial = await this.poll();
    if (!this.newcardonly) {
      const found = await this.firstMatch((initial ?? []).filter(isPresent));
      if (found) return found;
    }
    for (const state of initial ?? []) wasPresent.set(state.name, isPresent(state));

    for (;;) {
      await this.source.waitForChange(deadline - Date.now());
      const states = await this.poll();
      for (const state of states ?? []) {
        const present = isPresent(state);
        const qualifies = present && (!this.newcardonly || wasPresent.get(state.name) !== true);
        wasPresent.set(state.name, present);
        if (!qualifies) continue;
        const found = await this.firstMatch([state]);
        if (found) return found;
      }
      if (Date.now() >= deadline) throw new CardRequestTimeoutException();
    }
  }

  /** Resolves with the cards present now (after one polling interval), as Card objects. */
  async waitforcardevent(): Promise<Card[]> {
    const deadline = this.deadline();
    for (;;) {
      await this.source.waitForChange(deadline - Date.now());
      const states = await this.poll();
      if (states) return states.filter(isPresent).map((state) => new Card(state.name, state.atr ?? []));
      if (Date.now() >= deadline) throw new CardRequestTimeoutException();
    }
  }

  private deadline(): number {
    return this.timeout === null ? Number.POSITIVE_INFINITY : Date.now() + this.timeout * 1000;
  }

  /** The watched readers' states, or undefined when a reader vanished during the call (try again). */
  private async poll(): Promise<ReaderInfo[] | undefined> {
    let states: ReaderInfo[];
    try {
      states = await this.source.snapshot();
    } catch (error) {
      if (!(error instanceof PcscError)) throw error;
      if (error.code === SCARD_E_UNKNOWN_READER) return undefined;
      if (error.call === 'SCardListReaders') throw new ListReadersException(error.returnCode);
      throw new CardRequestException(`Failed to get status change ${SCardGetErrorMessage(error.returnCode)}`);
    }
    if (!this.readersAsked) return states;
    const asked = new Set(this.readersAsked.map(String));
    return states.filter((state) => asked.has(state.name));
  }

  private async firstMatch(states: readonly ReaderInfo[]): Promise<CardService | undefined> {
    for (const state of states) {
      const reader = new Reader(state.name);
      if (!(await this.cardType.matches(Array.from(state.atr ?? []), reader))) continue;
      // PySCard asks the service class about a placeholder card name, not the card's.
      if (this.cardServiceClass.supports('dummy')) return new this.cardServiceClass(reader.createConnection());
    }
    return undefined;
  }
}

function isPresent(state: ReaderInfo): boolean {
  return (state.eventState & SCARD_STATE_PRESENT) !== 0;
}

/** PySCard's timeout in seconds: 1 by default, null or Infinity for no limit; anything else is InvalidArgumentError. */
function requestTimeout(timeout: unknown): number | null {
  if (timeout === undefined) return 1;
  if (timeout === null || timeout === Number.POSITIVE_INFINITY) return null;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw InvalidArgumentError.expected('timeout', 'a non-negative number of seconds or null', timeout, 'CardRequest');
  }
  return timeout;
}
