import { brandClass, isBrandedInstance } from '../brand';
/** A native binding (or other driver) cannot be loaded on this machine. */
export class DriverUnavailableError extends Error {
  static {
    brandClass(this, 'DriverUnavailableError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'DriverUnavailableError', value);
  }

  readonly driverName: string;

  constructor(driverName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DriverUnavailableError';
    this.driverName = driverName;
  }
}
