import { brandClass, isBrandedInstance } from './brand';
/** Bad input to the library, raised before anything reaches a card. */
export class ApduError extends Error {
  static {
    brandClass(this, 'ApduError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'ApduError', value);
  }

  constructor(message: string) {
    super(message);
    this.name = 'ApduError';
  }
}
