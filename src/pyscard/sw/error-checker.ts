import type { SWExceptionClass } from './sw-exceptions';

/** A status word check: throws an SWException when data/sw1/sw2 report an error, returns otherwise. */
export type CheckFunction = (data: readonly number[], sw1: number, sw2: number) => void;

/**
 * PySCard's ErrorChecker. Python calls a checker directly (`checker(data, sw1, sw2)`); here that
 * is `checker.check(data, sw1, sw2)`.
 */
export abstract class ErrorChecker {
  /** Throws an SWException when data/sw1/sw2 report an error; returns otherwise. */
  abstract check(data: readonly number[], sw1: number, sw2: number): void;
}

/** sw1 → the exception it raises and the sw2 values it knows, each with its message. */
export type StatusWordTable = ReadonlyMap<number, readonly [SWExceptionClass, Readonly<Record<number, string>>]>;

/** A checker driven by a table: raises only for the (sw1, sw2) pairs the table lists. */
export abstract class TableErrorChecker extends ErrorChecker {
  protected abstract readonly table: StatusWordTable;

  /** Throws the table's exception, with its message, when the table lists (sw1, sw2); returns otherwise. */
  check(data: readonly number[], sw1: number, sw2: number): void {
    const entry = this.table.get(sw1);
    if (!entry) return;
    const [exception, messages] = entry;
    const message = messages[sw2];
    if (message !== undefined) throw new exception(data, sw1, sw2, message);
  }
}
