import { inspect } from 'node:util';
import { CardConnection } from './card-connection';
import { PY_REPR } from './python-text';

/** A smart card reader as PySCard's `readers()` lists it; String(reader) is its name. */
export class Reader {
  /** The reader's PC/SC name. */
  readonly name: string;

  constructor(readername: string) {
    this.name = readername;
  }

  /** A new, not yet connected, connection to the card in this reader. */
  createConnection(): CardConnection {
    return new CardConnection(this.name);
  }

  /** PySCard compares readers by name. */
  equals(other: unknown): boolean {
    return other instanceof Reader && other.name === this.name;
  }

  /** The reader's name, as Python's str(reader). */
  toString(): string {
    return this.name;
  }

  /** Python's repr: the name in single quotes. */
  [PY_REPR](): string {
    return `'${this.name}'`;
  }

  /** console.log('Using:', reader) prints the name, as Python's print does. */
  [inspect.custom](): string {
    return this.name;
  }
}
