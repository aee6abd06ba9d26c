export * from './pcsc-error';
export { ApduError } from './apdu-error';
export { describeCode, errorFromCode, knownCodes } from './error-table';
