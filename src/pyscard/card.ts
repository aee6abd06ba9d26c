import { inspect } from 'node:util';
import type { CardConnection } from './card-connection';
import { PY_REPR } from './python-text';
import { Reader } from './reader';
import { toHexString } from './util/hex-string';

/** A card seen in a reader (smartcard.Card): its reader and ATR. */
export class Card {
  /** The reader holding the card (a Reader, or its name). */
  readonly reader: Reader | string;
  /** The card's ATR bytes. */
  readonly atr: number[];

  constructor(reader: Reader | string, atr: readonly number[] | Uint8Array) {
    this.reader = reader;
    this.atr = Array.from(atr);
  }

  /** Same ATR in the same reader. */
  equals(other: unknown): boolean {
    return (
      other instanceof Card &&
      other.atr.length === this.atr.length &&
      other.atr.every((byte, i) => byte === this.atr[i]) &&
      String(other.reader) === String(this.reader)
    );
  }

  /**
   * A connection to this card's reader. PySCard answers None for a reader name it does not list;
   * here an unknown reader shows up when connect() fails.
   */
  createConnection(): CardConnection {
    const reader = this.reader instanceof Reader ? this.reader : new Reader(this.reader);
    return reader.createConnection();
  }

  /** 'ATR / reader', as PySCard's repr. */
  toString(): string {
    return `${toHexString(this.atr)} / ${String(this.reader)}`;
  }

  /** Python's repr: 'ATR / reader', as toString. */
  [PY_REPR](): string {
    return this.toString();
  }

  /** console.log shows 'ATR / reader', as Python's print does. */
  [inspect.custom](): string {
    return this.toString();
  }
}
