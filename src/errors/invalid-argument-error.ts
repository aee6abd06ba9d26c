import { InvalidParameterError } from './pcsc-error';
import type { SCARD_E_INVALID_PARAMETER } from './return-codes';

/**
 * Bad input to a library call, refused before anything reaches PC/SC or a card. It carries
 * SCARD_E_INVALID_PARAMETER, what PC/SC itself answers for a bad parameter, so it is an
 * InvalidParameterError too. `argument` names the parameter or option that was wrong.
 */
export class InvalidArgumentError extends InvalidParameterError {
  /** The parameter or option that was wrong, e.g. `timeout` or `share`; undefined when the input as a whole was. */
  readonly argument: string | undefined;
  declare readonly code: typeof SCARD_E_INVALID_PARAMETER;
  declare readonly codeName: 'SCARD_E_INVALID_PARAMETER';

  constructor(message: string, argument?: string, call?: string) {
    super(message, call);
    this.argument = argument;
  }

  /** `Expected \`timeout\` to be a non-negative number of milliseconds, got -1.` */
  static expected<E extends InvalidArgumentError>(
    this: new (message: string, argument?: string, call?: string) => E,
    argument: string,
    expectation: string,
    actual: unknown,
    call?: string,
  ): E {
    return new this(`Expected \`${argument}\` to be ${expectation}, got ${describeActual(actual)}.`, argument, call);
  }
}

/** A short, safe rendering of a wrong value for an error message (never throws). */
export function describeActual(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
      return String(value);
    case 'bigint':
      return `the bigint ${String(value)}`;
    case 'undefined':
    case 'boolean':
    case 'symbol':
      return typeof value === 'symbol' ? 'a symbol' : String(value);
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length}`;
      return safeConstructorName(value as object);
  }
}

function safeConstructorName(value: object): string {
  try {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'an object';
  } catch {
    return 'an object';
  }
}
