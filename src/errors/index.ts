export * from './pcsc-error';
export { ApduError } from './apdu-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { describeCode, errorFromCode } from './error-table';
export { knownCodes } from './code-names';
