import { reprString } from '../python-text';
import { brandClass, isBrandedInstance } from '../../errors/brand';

/**
 * PySCard's status word exceptions. `message` is Python's str(exception), which PySCard writes as
 * the repr of 'Status word exception: <text>!' (quotes included); `swMessage` is PySCard's
 * `.message` attribute, the text alone.
 */
export class SWException extends Error {
  static {
    brandClass(this, 'SWException');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'SWException', value);
  }

  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'SWException';
  /** The meaning of the status word, without the data. */
  readonly swMessage: string;
  /** The response data. */
  readonly data: number[];
  /** The first status byte. */
  readonly sw1: number;
  /** The second status byte. */
  readonly sw2: number;

  constructor(data: readonly number[], sw1: number, sw2: number, message = '') {
    super(reprString(`Status word exception: ${message}!`));
    this.swMessage = message;
    this.data = [...data];
    this.sw1 = sw1;
    this.sw2 = sw2;
  }
}

/** An error checker found a warning status word: the command completed with a warning (PySCard: WarningProcessingException). */
export class WarningProcessingException extends SWException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'WarningProcessingException';

  constructor(data: readonly number[], sw1: number, sw2: number, message = '') {
    super(data, sw1, sw2, `warning processing - ${message}`);
  }
}

/** An error checker found an execution-error status word (PySCard: ExecutionErrorException). */
export class ExecutionErrorException extends SWException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'ExecutionErrorException';

  constructor(data: readonly number[], sw1: number, sw2: number, message = '') {
    super(data, sw1, sw2, `execution error - ${message}`);
  }
}

/** An error checker found a security-related status word (PySCard: SecurityRelatedException). */
export class SecurityRelatedException extends SWException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'SecurityRelatedException';

  constructor(data: readonly number[], sw1: number, sw2: number, message = '') {
    super(data, sw1, sw2, `security issue - ${message}`);
  }
}

/** An error checker found a checking-error status word (PySCard: CheckingErrorException). */
export class CheckingErrorException extends SWException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CheckingErrorException';

  constructor(data: readonly number[], sw1: number, sw2: number, message = '') {
    super(data, sw1, sw2, `checking error - ${message}`);
  }
}

/** A concrete SWException class, as the status word tables name the exception to throw. */
export type SWExceptionClass = new (data: readonly number[], sw1: number, sw2: number, message?: string) => SWException;

/** Any SWException class, abstract ones included, as `addFilterException` and `addSWExceptionToFilter` take it. */
export type SWExceptionFilter = abstract new (...args: never[]) => SWException;
