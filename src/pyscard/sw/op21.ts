import { TableErrorChecker, type StatusWordTable } from './error-checker';
import { CheckingErrorException, ExecutionErrorException, WarningProcessingException } from './sw-exceptions';

const OP21_SW: StatusWordTable = new Map([
  [0x62, [WarningProcessingException, { 0x83: 'Card life cycle is CARD_LOCKED' }]],
  [0x63, [WarningProcessingException, { 0x00: 'Authentication failed' }]],
  [0x64, [ExecutionErrorException, { 0x00: 'Execution error' }]],
  [0x65, [ExecutionErrorException, { 0x81: 'Memory failure' }]],
  [0x67, [CheckingErrorException, { 0x00: 'Wrong length in Lc' }]],
  [0x69, [CheckingErrorException, { 0x82: 'Security status not satisfied', 0x85: 'Conditions of use not satisfied' }]],
  [
    0x6a,
    [
      CheckingErrorException,
      {
        0x80: 'Incorrect values in command data',
        0x81: 'Function not supported',
        0x82: 'Application not found',
        0x84: 'Not enough memory space',
        0x86: 'Incorrect parameters P1-P2',
        0x88: 'Referenced data not found',
      },
    ],
  ],
  [0x6d, [CheckingErrorException, { 0x00: 'Instruction not supported' }]],
  [0x6e, [CheckingErrorException, { 0x00: 'Class not supported' }]],
  [0x94, [CheckingErrorException, { 0x84: 'Algorithm not supported', 0x85: 'Invalid key check value' }]],
]);

/** Open Platform 2.1 status words. */
export class op21_ErrorChecker extends TableErrorChecker {
  protected readonly table = OP21_SW;
}
