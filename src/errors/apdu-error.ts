import { InvalidArgumentError } from './invalid-argument-error';

/** Bad APDU or byte input (odd hex, a byte over 255, a malformed length), raised before anything reaches a card. */
export class ApduError extends InvalidArgumentError {
  constructor(message: string, argument?: string) {
    super(message, argument);
  }
}
