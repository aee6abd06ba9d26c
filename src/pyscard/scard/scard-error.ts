import { PY_REPR } from '../python-text';

/**
 * `smartcard.scard.error`: the exception class of PySCard's low-level module. Scripts raise it
 * themselves after a failed call, e.g. `throw new error('Failed to list readers: ' + SCardGetErrorMessage(hresult))`,
 * and catch it by class. Its `name` is 'error', as Python prints it.
 */
export class error extends Error {
  /** How Python prints the class itself, as sample scripts do with `print(error, message)`. */
  static [PY_REPR](): string {
    return "<class 'scard.error'>";
  }

  constructor(message?: string) {
    super(message);
    this.name = 'error';
  }
}
