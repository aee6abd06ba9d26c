import { brandClass, isBrandedInstance } from '../errors/brand';
/** A card kept answering 61xx beyond the allowed number of GET RESPONSE commands. */
export class GetResponseLimitError extends Error {
  static {
    brandClass(this, 'GetResponseLimitError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'GetResponseLimitError', value);
  }

  /** GET RESPONSE commands sent before giving up. */
  readonly getResponses: number;
  /** Response data collected so far (without any status word). */
  readonly partialData: Uint8Array;

  constructor(getResponses: number, partialData: Uint8Array) {
    super(`The card still reported more data (61xx) after ${getResponses} GET RESPONSE commands; giving up`);
    this.name = 'GetResponseLimitError';
    this.getResponses = getResponses;
    this.partialData = partialData;
  }
}
