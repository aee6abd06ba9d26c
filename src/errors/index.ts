export * from './pcsc-error';
export { ApduError } from './apdu-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { describeCode, errorFromCode, type CodeEntry } from './error-table';
export { knownCodes } from './code-names';
export type { ScardCode, ScardCodeName, UnlistedCode, UnlistedCodeName } from './code-types';
export { serviceAdvice, withAdvice, CARD_ACCESS_ADVICE, type AdvisedOs } from './service-advice';
