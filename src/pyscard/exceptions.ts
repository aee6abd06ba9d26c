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

/** A card connection failed: connect, transmit, control, attributes or transactions (PySCard: CardConnectionException). */
export class CardConnectionException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardConnectionException';
}

/** A CardRequest could not be served (PySCard: CardRequestException). */
export class CardRequestException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardRequestException';
}

/** CardRequest.waitforcard() timed out before a matching card came (PySCard: CardRequestTimeoutException). */
export class CardRequestTimeoutException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardRequestTimeoutException';

  constructor() {
    super('Time-out during card request');
  }
}

/** A card service failed (PySCard: CardServiceException). */
export class CardServiceException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardServiceException';
}

/** The PC/SC service stopped while in use (PySCard: CardServiceStoppedException). */
export class CardServiceStoppedException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'CardServiceStoppedException';
}

/** An ATRCardType's mask is not as long as its ATR (PySCard: InvalidATRMaskLengthException). */
export class InvalidATRMaskLengthException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'InvalidATRMaskLengthException';

  constructor(mask: string) {
    super(`Invalid ATR mask length: ${mask}`);
  }
}

/** The reader given is not a reader (PySCard: InvalidReaderException). */
export class InvalidReaderException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'InvalidReaderException';

  constructor(readername: string) {
    super(`Invalid reader: ${readername}`);
  }
}

/** Listing the readers failed (PySCard: ListReadersException). */
export class ListReadersException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'ListReadersException';

  constructor(hresult: number) {
    super('Failed to list readers', hresult);
  }
}

/** The reader has no card (PySCard: NoCardException). */
export class NoCardException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'NoCardException';

  constructor(message: string, hresult: number) {
    super(message, hresult);
  }
}

/** The system has no reader (PySCard: NoReadersException). */
export class NoReadersException extends SmartcardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'NoReadersException';

  constructor() {
    super('No reader found');
  }
}
