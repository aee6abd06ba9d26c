/** Status words of ISO/IEC 7816-4 with a plain-language meaning. */

import { ApduError } from '../errors/apdu-error';
import { isByte } from './byte-input';
import { formatHexByte } from './hex';

const EXACT: ReadonlyMap<number, string> = new Map([
  [0x9000, 'Success'],

  [0x6200, 'Warning: no further information (card memory unchanged)'],
  [0x6281, 'Warning: part of the returned data may be corrupted'],
  [0x6282, 'Warning: end of file or record reached before Le bytes were read'],
  [0x6283, 'Warning: the selected file is deactivated'],
  [0x6284, 'Warning: file control information is not formatted per ISO 7816-4'],
  [0x6285, 'Warning: the selected file is in termination state'],
  [0x6286, 'Warning: no input data available from a sensor on the card'],

  [0x6300, 'Warning: no further information (card memory changed)'],
  [0x6381, 'Warning: the file was filled up by the last write'],

  [0x6400, 'Execution error: no further information (card memory unchanged)'],
  [0x6401, 'Execution error: the card expects an immediate response'],

  [0x6500, 'Execution error: no further information (card memory changed)'],
  [0x6581, 'Execution error: memory failure'],

  [0x6600, 'Security error: no further information'],

  [0x6700, 'Wrong length (Lc or Le)'],

  [0x6800, 'CLA function not supported: no further information'],
  [0x6881, 'Logical channel not supported'],
  [0x6882, 'Secure messaging not supported'],
  [0x6883, 'Last command of the chain expected'],
  [0x6884, 'Command chaining not supported'],

  [0x6900, 'Command not allowed: no further information'],
  [0x6981, 'Command incompatible with the file structure'],
  [0x6982, 'Security status not satisfied'],
  [0x6983, 'Authentication method blocked'],
  [0x6984, 'Reference data not usable'],
  [0x6985, 'Conditions of use not satisfied'],
  [0x6986, 'Command not allowed (no current EF)'],
  [0x6987, 'Expected secure messaging data objects missing'],
  [0x6988, 'Incorrect secure messaging data objects'],

  [0x6a00, 'Wrong parameters P1-P2: no further information'],
  [0x6a80, 'Incorrect parameters in the command data field'],
  [0x6a81, 'Function not supported'],
  [0x6a82, 'File or application not found'],
  [0x6a83, 'Record not found'],
  [0x6a84, 'Not enough memory space in the file'],
  [0x6a85, 'Nc inconsistent with the TLV structure'],
  [0x6a86, 'Incorrect parameters P1-P2'],
  [0x6a87, 'Nc inconsistent with P1-P2'],
  [0x6a88, 'Referenced data or reference data not found'],
  [0x6a89, 'File already exists'],
  [0x6a8a, 'DF name already exists'],

  [0x6b00, 'Wrong parameters P1-P2 (offset outside the EF)'],
  [0x6d00, 'Instruction code not supported or invalid'],
  [0x6e00, 'Class not supported'],
  [0x6f00, 'No precise diagnosis'],
]);

/** Meaning of a whole SW1 group, for status words the table does not list one by one. */
const GROUPS: ReadonlyMap<number, string> = new Map([
  [0x62, 'Warning (card memory unchanged)'],
  [0x63, 'Warning (card memory changed)'],
  [0x64, 'Execution error (card memory unchanged)'],
  [0x65, 'Execution error (card memory changed)'],
  [0x66, 'Security error'],
  [0x67, 'Wrong length'],
  [0x68, 'CLA function not supported'],
  [0x69, 'Command not allowed'],
  [0x6a, 'Wrong parameters P1-P2'],
  [0x6b, 'Wrong parameters P1-P2'],
  [0x6d, 'Instruction code not supported or invalid'],
  [0x6e, 'Class not supported'],
  [0x6f, 'No precise diagnosis'],
]);

/**
 * A one-line description of SW1 SW2, e.g. describeStatusWord(0x6a, 0x82) → 'File or application not found'.
 * Each must be an integer from 0 to 255 (ApduError otherwise).
 */
export function describeStatusWord(sw1: number, sw2: number): string {
  if (!isByte(sw1)) throw ApduError.expected('sw1', 'an integer from 0 to 255', sw1);
  if (!isByte(sw2)) throw ApduError.expected('sw2', 'an integer from 0 to 255', sw2);
  const sw = (sw1 << 8) | sw2;
  const exact = EXACT.get(sw);
  if (exact !== undefined) return exact;

  switch (sw1) {
    case 0x61:
      return sw2 === 0 ? 'Success: 256 or more response bytes still available (GET RESPONSE)' : `Success: ${sw2} response bytes still available (GET RESPONSE)`;
    case 0x6c:
      return `Wrong Le field: resend with Le = ${sw2 === 0 ? 256 : sw2} (the exact number of available bytes)`;
    case 0x63:
      if ((sw2 & 0xf0) === 0xc0) return `Warning: counter is ${sw2 & 0x0f} (e.g. verification retries left)`;
      break;
    case 0x62:
    case 0x64:
      if (sw2 >= 0x02 && sw2 <= 0x80) return `${GROUPS.get(sw1) ?? ''}: triggering by the card (${formatHexByte(sw1)}${formatHexByte(sw2)})`;
      break;
    default:
      break;
  }
  const group = GROUPS.get(sw1);
  if (group !== undefined) return `${group}: ${formatHexByte(sw1)}${formatHexByte(sw2)}`;
  if (sw1 >= 0x90 && sw1 <= 0x9f) return `Proprietary status ${formatHexByte(sw1)}${formatHexByte(sw2)}`;
  return `Unknown status word ${formatHexByte(sw1)}${formatHexByte(sw2)}`;
}
