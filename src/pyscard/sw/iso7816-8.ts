import { TableErrorChecker, type StatusWordTable } from './error-checker';
import { pinTries } from './pin-tries';
import { CheckingErrorException, ExecutionErrorException, SecurityRelatedException, WarningProcessingException } from './sw-exceptions';

const ISO7816_8_SW: StatusWordTable = new Map([
  [0x63, [WarningProcessingException, { 0x00: 'Authentication failed', ...pinTries('retries before blocking PIN') }]],
  [0x65, [ExecutionErrorException, { 0x81: 'Memory failure (unsuccessful changing)' }]],
  [
    0x66,
    [
      SecurityRelatedException,
      {
        0x00: 'The environment cannot be set or modified',
        0x87: 'Expected SM data objects missing',
        0x88: 'SM data objects incorrect',
      },
    ],
  ],
  [0x67, [CheckingErrorException, { 0x00: 'Wrong length (emtpy Lc field)' }]],
  [0x68, [CheckingErrorException, { 0x83: 'Final command expected', 0x84: 'Command chaining not supported' }]],
  [
    0x69,
    [
      CheckingErrorException,
      {
        0x82: 'Security status not satisfied',
        0x83: 'Authentification method blocked',
        0x84: 'Referenced data invalidated',
        0x85: 'Conditions of use not satisfied',
      },
    ],
  ],
  [
    0x6a,
    [CheckingErrorException, { 0x81: 'Function not supported', 0x82: 'File not found', 0x86: 'Incorrect parameters P1-P2', 0x88: 'Referenced data not found' }],
  ],
]);

/** ISO 7816-8 status words. */
export class ISO7816_8ErrorChecker extends TableErrorChecker {
  protected readonly table = ISO7816_8_SW;
}
