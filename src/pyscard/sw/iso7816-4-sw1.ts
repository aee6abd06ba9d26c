import { ErrorChecker } from './error-checker';
import { CheckingErrorException, ExecutionErrorException, SecurityRelatedException, WarningProcessingException, type SWExceptionClass } from './sw-exceptions';

const BY_SW1: ReadonlyMap<number, SWExceptionClass> = new Map<number, SWExceptionClass>([
  [0x62, WarningProcessingException],
  [0x63, WarningProcessingException],
  [0x64, ExecutionErrorException],
  [0x65, ExecutionErrorException],
  [0x66, SecurityRelatedException],
  [0x67, CheckingErrorException],
  [0x68, CheckingErrorException],
  [0x69, CheckingErrorException],
  [0x6a, CheckingErrorException],
  [0x6b, CheckingErrorException],
  [0x6c, CheckingErrorException],
  [0x6d, CheckingErrorException],
  [0x6e, CheckingErrorException],
  [0x6f, CheckingErrorException],
]);

/** ISO 7816-4 by SW1 alone: 62-63 warnings, 64-65 execution errors, 66 security, 67-6F checking errors. */
export class ISO7816_4_SW1ErrorChecker extends ErrorChecker {
  /** Throws the exception class SW1 maps to (any SW2); returns for any other SW1. */
  check(data: readonly number[], sw1: number, sw2: number): void {
    const exception = BY_SW1.get(sw1);
    if (exception) throw new exception(data, sw1, sw2);
  }
}
