import { formatHresult, SCardGetErrorMessage } from './scard/error-message';
import { brandClass, isBrandedInstance } from '../errors/brand';

/** PySCard's `smartcard.pcsc.PCSCExceptions`: failures of the PC/SC service itself. */
export class BaseSCardException extends Error {
  static {
    brandClass(this, 'BaseSCardException');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'BaseSCardException', value);
  }

  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'BaseSCardException';
  /** The SCARD_* code PySCard reports with the exception. */
  readonly hresult: number;

  constructor(hresult = -1, message = '') {
    const text = message || 'scard exception';
    super(hresult === -1 ? text : `${text}: ${SCardGetErrorMessage(hresult)} (${formatHresult(hresult)})`);
    this.hresult = hresult;
  }
}

/** SCardEstablishContext failed (PySCard: EstablishContextException). */
export class EstablishContextException extends BaseSCardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'EstablishContextException';

  constructor(hresult: number) {
    super(hresult, 'Failed to establish context');
  }
}

/** SCardReleaseContext failed (PySCard: ReleaseContextException). */
export class ReleaseContextException extends BaseSCardException {
  /** The exception's class name, as Python prints it. */
  override readonly name: string = 'ReleaseContextException';

  constructor(hresult: number) {
    super(hresult, 'Failed to release context');
  }
}
