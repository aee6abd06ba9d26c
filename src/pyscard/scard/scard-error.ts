/**
 * `smartcard.scard.error`: the exception class of PySCard's low-level module. Scripts raise it
 * themselves after a failed call, e.g. `throw new error('Failed to list readers: ' + SCardGetErrorMessage(hresult))`,
 * and catch it by class. Its `name` is 'error', as Python prints it.
 */
export class error extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'error';
  }
}
