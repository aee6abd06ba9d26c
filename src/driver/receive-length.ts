/** The largest answer to a short command: 256 data bytes and the status word. */
export const SHORT_RESPONSE_MAX = 258;
/** The largest answer to an extended-length command: 65536 data bytes and the status word. */
export const EXTENDED_RESPONSE_MAX = 65538;

/** Extended-length commands start their length fields with 00 after the header (ISO 7816-4). */
export function isExtendedLength(command: Uint8Array): boolean {
  return command.length >= 7 && command[4] === 0;
}

/** The receive buffer offered to SCardTransmit when the caller names none: the largest answer the command allows. */
export function defaultReceiveLength(command: Uint8Array): number {
  return isExtendedLength(command) ? EXTENDED_RESPONSE_MAX : SHORT_RESPONSE_MAX;
}
