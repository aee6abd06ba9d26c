import { TableErrorChecker, type StatusWordTable } from './error-checker';
import { CheckingErrorException, ExecutionErrorException, WarningProcessingException } from './sw-exceptions';

const ISO7816_9_SW: StatusWordTable = new Map([
  [0x62, [WarningProcessingException, { 0x82: 'End of file/record reached' }]],
  [0x64, [ExecutionErrorException, { 0x00: 'Execution error' }]],
  [0x69, [CheckingErrorException, { 0x82: 'Security status not satisfied' }]],
  [
    0x6a,
    [
      CheckingErrorException,
      {
        0x80: 'Incorrect parameters in data field',
        0x84: 'Not enough memory space',
        0x89: 'File already exists',
        0x8a: 'DF name already exists',
      },
    ],
  ],
]);

/** ISO 7816-9 status words. */
export class ISO7816_9ErrorChecker extends TableErrorChecker {
  protected readonly table = ISO7816_9_SW;
}
