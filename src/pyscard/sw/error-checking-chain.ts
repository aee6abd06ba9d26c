import { ErrorChecker, type CheckFunction } from './error-checker';
import type { SWExceptionFilter } from './sw-exceptions';

/**
 * One link of PySCard's chain of status word checks. Each link appends itself to the shared
 * `chain` array; checking starts at chain[0] and runs every strategy until one throws.
 */
export class ErrorCheckingChain {
  /** The check this link runs: an ErrorChecker or a plain function. */
  readonly strategy: ErrorChecker | CheckFunction;
  /** The whole chain this link belongs to, shared by every link. */
  readonly chain: ErrorCheckingChain[];
  /** The exception classes this link lets pass (see addFilterException). */
  readonly excludes: SWExceptionFilter[] = [];

  constructor(chain: ErrorCheckingChain[], strategy: ErrorChecker | CheckFunction) {
    this.strategy = strategy;
    this.chain = chain;
    this.chain.push(this);
  }

  /** The following link, or undefined at the end. */
  next(): ErrorCheckingChain | undefined {
    return this.end() ? undefined : this.chain[this.chain.indexOf(this) + 1];
  }

  /** Whether this is the last link. */
  end(): boolean {
    return this.chain.indexOf(this) + 1 >= this.chain.length;
  }

  /** Stops this and later links from raising exactly `exClass` (not its subclasses, as in PySCard). */
  addFilterException(exClass: SWExceptionFilter): void {
    this.excludes.push(exClass);
    this.next()?.addFilterException(exClass);
  }

  /** Runs the checks from this link on; PySCard calls the chain as `chain[0](data, sw1, sw2)`. */
  check(data: readonly number[], sw1: number, sw2: number): void {
    try {
      if (this.strategy instanceof ErrorChecker) this.strategy.check(data, sw1, sw2);
      else this.strategy(data, sw1, sw2);
    } catch (error) {
      if (this.excludes.some((excluded) => isExactly(error, excluded))) return;
      throw error;
    }
    this.next()?.check(data, sw1, sw2);
  }
}

function isExactly(error: unknown, exClass: SWExceptionFilter): boolean {
  return typeof error === 'object' && error !== null && error.constructor === exClass;
}
