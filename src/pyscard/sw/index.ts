export {
  SWException,
  WarningProcessingException,
  ExecutionErrorException,
  SecurityRelatedException,
  CheckingErrorException,
} from './sw-exceptions';
export type { SWExceptionClass, SWExceptionFilter } from './sw-exceptions';
export { ErrorChecker } from './error-checker';
export type { CheckFunction } from './error-checker';
export { ErrorCheckingChain } from './error-checking-chain';
export { ISO7816_4ErrorChecker } from './iso7816-4';
export { ISO7816_4_SW1ErrorChecker } from './iso7816-4-sw1';
export { ISO7816_8ErrorChecker } from './iso7816-8';
export { ISO7816_9ErrorChecker } from './iso7816-9';
export { op21_ErrorChecker } from './op21';
