import { brandClass, isBrandedInstance } from '../errors/brand';
/** An ATR that cannot be read: bad hex, unknown TS, or fewer bytes than T0 and the TDi announce. */
export class AtrError extends Error {
  static {
    brandClass(this, 'AtrError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'AtrError', value);
  }

  constructor(message: string) {
    super(message);
    this.name = 'AtrError';
  }
}
