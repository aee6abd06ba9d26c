export * from './pcsc-error';
export { ApduError } from './apdu-error';
export { describeCode, errorFromCode } from './error-table';
export { knownCodes } from './code-names';
