import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** pcsc-lite's MAX_READERNAME: a longer name is never a reader's. */
export const MAX_READER_NAME_BYTES = 128;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A reader name PC/SC can be given: a non-empty string of valid text (no lone surrogate)
 * without NUL (C would cut the name there and find another reader) and at most 128 UTF-8 bytes.
 * Anything else is an InvalidArgumentError before the name reaches PC/SC.
 */
export function checkReaderName(name: unknown, call: string, argument = 'reader'): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw InvalidArgumentError.expected(argument, 'a reader name (a non-empty string)', name, call);
  }
  if (name.includes('\u0000')) {
    throw InvalidArgumentError.expected(argument, 'a reader name without NUL characters', name, call);
  }
  if (LONE_SURROGATE.test(name)) {
    throw InvalidArgumentError.expected(argument, 'a reader name of valid text (no lone surrogate)', name, call);
  }
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_READER_NAME_BYTES) {
    const message = `Expected \`${argument}\` to be a reader name of at most ${MAX_READER_NAME_BYTES} UTF-8 bytes, got ${bytes} bytes.`;
    throw new InvalidArgumentError(message, argument, call);
  }
  return name;
}
