import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { CardRemovedError, NoReadersError, NoSmartcardError, PcscError, UnknownReaderError } from '../errors/pcsc-error';
import { adviceFor } from './service-advice';
import { EXIT_NO_READER_OR_CARD, EXIT_PCSC_ERROR, EXIT_USAGE } from './exit-codes';

/** A mistake on the command line or in a script file. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** No reader, no such reader, or no card where one is needed. */
export class NoReaderOrCardError extends Error {
  override readonly name = 'NoReaderOrCardError';
}

/** The exit code for an error that ends a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof InvalidArgumentError) return EXIT_USAGE;
  if (error instanceof NoReaderOrCardError) return EXIT_NO_READER_OR_CARD;
  if (error instanceof NoReadersError || error instanceof NoSmartcardError || error instanceof CardRemovedError) {
    return EXIT_NO_READER_OR_CARD;
  }
  if (error instanceof UnknownReaderError) return EXIT_NO_READER_OR_CARD;
  if (error instanceof PcscError) return EXIT_PCSC_ERROR;
  return EXIT_PCSC_ERROR;
}

/** The error as machine-readable fields for --json output. */
export function errorJson(error: unknown): Record<string, string | number> {
  const advice = adviceFor(error);
  if (error instanceof PcscError) {
    return { name: error.name, code: error.code, codeName: error.codeName, message: error.message, ...(advice ? { advice } : {}) };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
