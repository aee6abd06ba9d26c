import { formatHresult, SCardGetErrorMessage } from './scard/error-message';
import { brandClass, isBrandedInstance } from '../errors/brand';

/**
 * PySCard's `smartcard.Exceptions`. `message` is what Python's `str(exception)` prints: with an
 * hresult, PySCard appends ": <SCardGetErrorMessage> (0x8010xxxx)".
 */
export class SmartcardException extends Error {
  static {
    brandClass(this, 'SmartcardException');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'SmartcardException', value);
  }

  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'SmartcardException';
  /** The SCARD_* code, or -1 when the exception has none. */
  readonly hresult: number;

  constructor(message = '', hresult = -1) {
    super(hresult === -1 ? message : `${message}: ${SCardGetErrorMessage(hresult)} (${formatHresult(hresult)})`);
    this.hresult = hresult;
  }
}

export class CardConnectionException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardConnectionException';
}

export class CardRequestException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardRequestException';
}

export class CardRequestTimeoutException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardRequestTimeoutException';

  constructor() {
    super('Time-out during card request');
  }
}

export class CardServiceException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardServiceException';
}

export class CardServiceStoppedException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardServiceStoppedException';
}

export class InvalidATRMaskLengthException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'InvalidATRMaskLengthException';

  constructor(mask: string) {
    super(`Invalid ATR mask length: ${mask}`);
  }
}

export class InvalidReaderException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'InvalidReaderException';

  constructor(readername: string) {
    super(`Invalid reader: ${readername}`);
  }
}

export class ListReadersException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'ListReadersException';

  constructor(hresult: number) {
    super('Failed to list readers', hresult);
  }
}

export class NoCardException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'NoCardException';

  constructor(message: string, hresult: number) {
    super(message, hresult);
  }
}

export class NoReadersException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'NoReadersException';

  constructor() {
    super('No reader found');
  }
}
