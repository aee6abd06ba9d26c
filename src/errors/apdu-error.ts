/** Bad input to the library, raised before anything reaches a card. */
export class ApduError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApduError';
  }
}
