import { TableErrorChecker, type StatusWordTable } from './error-checker';
import { pinTries } from './pin-tries';
import { CheckingErrorException, ExecutionErrorException, WarningProcessingException } from './sw-exceptions';

/** Message texts are PySCard's, which users compare against. */
const ISO7816_4_SW: StatusWordTable = new Map([
  [
    0x62,
    [
      WarningProcessingException,
      {
        0x00: 'Response padded/ More APDU commands expected',
        0x81: 'Part of returned data may be corrupted',
        0x82: 'End of file/record reached before reading Le bytes',
        0x83: 'File invalidated',
        0x84: 'FCI not correctly formatted',
        0xff: 'Correct execution, response padded',
      },
    ],
  ],
  [0x63, [WarningProcessingException, { 0x00: 'Authentication failed', 0x81: 'File filled up by the last write', ...pinTries('tries before blocking PIN') }]],
  [0x64, [ExecutionErrorException, { 0x00: 'Integrity error detected in EEPROM' }]],
  [0x67, [CheckingErrorException, { 0x00: 'Wrong length in Lc' }]],
  [0x68, [CheckingErrorException, { 0x81: 'Logical channel not supported', 0x82: 'Secure messaging not supported' }]],
  [
    0x69,
    [
      CheckingErrorException,
      {
        0x81: 'Command incompatible with file structure.',
        0x82: 'Security status not satisfied',
        0x83: 'Authentification method blocked',
        0x84: 'Referenced data invalid',
        0x85: 'Conditions of use not satisfied',
        0x86: 'Command not allowed (no current EF)',
        0x87: 'Secure messaging data object missing.',
        0x88: 'Secure messaging data object incorrect',
      },
    ],
  ],
  [
    0x6a,
    [
      CheckingErrorException,
      {
        0x80: 'Incorrect parameters in the data field',
        0x81: 'Function not supported',
        0x82: 'File not found',
        0x83: 'Record not found',
        0x84: 'Not enough memory space in the file',
        0x85: 'Lc inconsistent with TLV structure',
        0x86: 'Incorrect parameters P1-P2',
        0x87: 'Lc is inconsistent with P1-P2',
        0x88: 'Referenced data not found',
      },
    ],
  ],
  [0x6b, [CheckingErrorException, { 0x00: 'Incorrect parameters P1-P2' }]],
  [0x6d, [CheckingErrorException, { 0x00: 'Instruction (INS) not supported' }]],
  [0x6e, [CheckingErrorException, { 0x00: 'Class (CLA) not supported' }]],
  [0x6f, [CheckingErrorException, { 0x00: 'Fatal error' }]],
]);

/** ISO 7816-4 status words; undefined sw1/sw2 values pass (chain ISO7816_4_SW1ErrorChecker for those). */
export class ISO7816_4ErrorChecker extends TableErrorChecker {
  protected readonly table = ISO7816_4_SW;
}
