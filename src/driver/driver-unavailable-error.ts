import { brandClass, isBrandedInstance } from '../errors/brand';

/**
 * Why a driver could not be loaded: its package is not installed; it is installed but its
 * native part was never built (install script not approved, or the build failed); it was built
 * for another Node.js or Electron ABI; the system PC/SC library it links to is missing; or
 * something else (`'load-failed'`). `'several'` is the error of driver 'auto', whose `attempts`
 * hold each driver's own error.
 */
export type DriverUnavailableReason = 'not-installed' | 'not-built' | 'abi-mismatch' | 'system-library-missing' | 'load-failed' | 'unknown-driver' | 'several';

/** What `DriverUnavailableError`'s constructor takes besides the driver name and message. */
export interface DriverUnavailableOptions {
  /** The error that made loading fail (becomes `error.cause`). */
  readonly cause?: unknown;
  /** Why it failed; default 'load-failed'. */
  readonly reason?: DriverUnavailableReason;
  /** Under driver 'auto': the error of every driver tried, in order. */
  readonly attempts?: readonly DriverUnavailableError[];
}

/**
 * A native binding (or other driver) cannot be loaded on this machine. It is the one error outside
 * the PcscError family on purpose: nothing reached PC/SC, so there is no SCARD_* code to carry, and
 * as a NoServiceError it would pass for a service not started yet (which `Pcsc.open` waits out)
 * instead of a setup to fix.
 */
export class DriverUnavailableError extends Error {
  static {
    brandClass(this, 'DriverUnavailableError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'DriverUnavailableError', value);
  }

  /** The driver that failed ('auto' when every driver 'auto' tried failed). */
  readonly driverName: string;
  /** Why it failed; `'load-failed'` when the cause is not one the library recognises. */
  readonly reason: DriverUnavailableReason;
  /** Under driver 'auto': the error of every driver tried, in order; otherwise empty. */
  readonly attempts: readonly DriverUnavailableError[];

  constructor(driverName: string, message: string, options: DriverUnavailableOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DriverUnavailableError';
    this.driverName = driverName;
    this.reason = options.reason ?? 'load-failed';
    this.attempts = options.attempts ?? [];
  }
}

/**
 * One error for a selection that tried several drivers, naming each driver and why it failed.
 * An error that is not a DriverUnavailableError (a fault, not a missing driver) is returned as is,
 * and so is a lone failure.
 */
export function combineDriverFailures(driverName: string, failures: readonly unknown[]): unknown {
  const fault = failures.find((failure) => !(failure instanceof DriverUnavailableError));
  if (fault !== undefined) return fault;
  if (failures.length === 1) return failures[0];
  const attempts = failures as readonly DriverUnavailableError[];
  const lines = attempts.map((attempt) => `- ${attempt.driverName} (${attempt.reason}): ${attempt.message}`);
  return new DriverUnavailableError(
    driverName,
    `No PC/SC driver could be loaded; driver '${driverName}' tried ${attempts.map((attempt) => attempt.driverName).join(', ')}:\n${lines.join('\n')}`,
    { reason: 'several', attempts },
  );
}
