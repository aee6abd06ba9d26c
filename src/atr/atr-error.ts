/** An ATR that cannot be read: bad hex, unknown TS, or fewer bytes than T0 and the TDi announce. */
export class AtrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AtrError';
  }
}
