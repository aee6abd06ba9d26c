import * as rc from './return-codes';

/** An SCARD_* code's name (the constant's name) and pcsc-lite's pcsc_stringify_error() text. */
export interface CodeDescription {
  readonly name: string;
  readonly message: string;
}

/** The one table of SCARD_* codes: a code's name is its constant's name, so the two cannot disagree. */
const MESSAGES: ReadonlyArray<readonly [number, string]> = [
  [rc.SCARD_S_SUCCESS, 'Command successful.'],
  [rc.SCARD_F_INTERNAL_ERROR, 'Internal error.'],
  [rc.SCARD_E_CANCELLED, 'Command cancelled.'],
  [rc.SCARD_E_INVALID_HANDLE, 'Invalid handle.'],
  [rc.SCARD_E_INVALID_PARAMETER, 'Invalid parameter given.'],
  [rc.SCARD_E_INVALID_TARGET, 'Invalid target given.'],
  [rc.SCARD_E_NO_MEMORY, 'Not enough memory.'],
  [rc.SCARD_F_WAITED_TOO_LONG, 'Waited too long.'],
  [rc.SCARD_E_INSUFFICIENT_BUFFER, 'Insufficient buffer.'],
  [rc.SCARD_E_UNKNOWN_READER, 'Unknown reader specified.'],
  [rc.SCARD_E_TIMEOUT, 'Command timeout.'],
  [rc.SCARD_E_SHARING_VIOLATION, 'Sharing violation.'],
  [rc.SCARD_E_NO_SMARTCARD, 'No smart card inserted.'],
  [rc.SCARD_E_UNKNOWN_CARD, 'Unknown card.'],
  [rc.SCARD_E_CANT_DISPOSE, 'Cannot dispose handle.'],
  [rc.SCARD_E_PROTO_MISMATCH, 'Card protocol mismatch.'],
  [rc.SCARD_E_NOT_READY, 'Subsystem not ready.'],
  [rc.SCARD_E_INVALID_VALUE, 'Invalid value given.'],
  [rc.SCARD_E_SYSTEM_CANCELLED, 'System cancelled.'],
  [rc.SCARD_F_COMM_ERROR, 'RPC transport error.'],
  [rc.SCARD_F_UNKNOWN_ERROR, 'Unknown error.'],
  [rc.SCARD_E_INVALID_ATR, 'Invalid ATR.'],
  [rc.SCARD_E_NOT_TRANSACTED, 'Transaction failed.'],
  [rc.SCARD_E_READER_UNAVAILABLE, 'Reader is unavailable.'],
  [rc.SCARD_P_SHUTDOWN, 'PCSC shutdown.'],
  [rc.SCARD_E_PCI_TOO_SMALL, 'PCI struct too small.'],
  [rc.SCARD_E_READER_UNSUPPORTED, 'Reader is unsupported.'],
  [rc.SCARD_E_DUPLICATE_READER, 'Reader already exists.'],
  [rc.SCARD_E_CARD_UNSUPPORTED, 'Card is unsupported.'],
  [rc.SCARD_E_NO_SERVICE, 'Service not available.'],
  [rc.SCARD_E_SERVICE_STOPPED, 'Service was stopped.'],
  [rc.SCARD_E_UNSUPPORTED_FEATURE, 'Feature not supported.'],
  [rc.SCARD_E_ICC_INSTALLATION, 'Cannot find a smart card reader.'],
  [rc.SCARD_E_ICC_CREATEORDER, 'The requested order of object creation is not supported.'],
  [rc.SCARD_E_DIR_NOT_FOUND, 'The identified directory does not exist in the smart card.'],
  [rc.SCARD_E_FILE_NOT_FOUND, 'The identified file does not exist in the smart card.'],
  [rc.SCARD_E_NO_DIR, 'The supplied path does not represent a smart card directory.'],
  [rc.SCARD_E_NO_FILE, 'The supplied path does not represent a smart card file.'],
  [rc.SCARD_E_NO_ACCESS, 'Access is denied to this file.'],
  [rc.SCARD_E_WRITE_TOO_MANY, 'The smart card does not have enough memory to store the information.'],
  [rc.SCARD_E_BAD_SEEK, 'There was an error trying to set the smart card file object pointer.'],
  [rc.SCARD_E_INVALID_CHV, 'The supplied PIN is incorrect.'],
  [rc.SCARD_E_UNKNOWN_RES_MNG, 'An unrecognized error code was returned.'],
  [rc.SCARD_E_NO_SUCH_CERTIFICATE, 'The requested certificate does not exist.'],
  [rc.SCARD_E_CERTIFICATE_UNAVAILABLE, 'The requested certificate could not be obtained.'],
  [rc.SCARD_E_NO_READERS_AVAILABLE, 'Cannot find a smart card reader.'],
  [rc.SCARD_E_COMM_DATA_LOST, 'A communications error with the smart card has been detected.'],
  [rc.SCARD_E_NO_KEY_CONTAINER, 'The requested key container does not exist on the smart card.'],
  [rc.SCARD_E_SERVER_TOO_BUSY, 'The smart card resource manager is too busy to complete this operation.'],
  [rc.SCARD_W_UNSUPPORTED_CARD, 'Card is not supported.'],
  [rc.SCARD_W_UNRESPONSIVE_CARD, 'Card is unresponsive.'],
  [rc.SCARD_W_UNPOWERED_CARD, 'Card is unpowered.'],
  [rc.SCARD_W_RESET_CARD, 'Card was reset.'],
  [rc.SCARD_W_REMOVED_CARD, 'Card was removed.'],
  [rc.SCARD_W_SECURITY_VIOLATION, 'Access was denied because of a security violation.'],
  [rc.SCARD_W_WRONG_CHV, 'The card cannot be accessed because the wrong PIN was presented.'],
  [rc.SCARD_W_CHV_BLOCKED, 'The card cannot be accessed because the maximum number of PIN entry attempts has been reached.'],
  [rc.SCARD_W_EOF, 'The end of the smart card file has been reached.'],
  [rc.SCARD_W_CANCELLED_BY_USER, 'The user pressed "Cancel" on a Smart Card Selection Dialog.'],
  [rc.SCARD_W_CARD_NOT_AUTHENTICATED, 'No PIN was presented to the smart card.'],
];

const CODE_NAMES = new Map<number, string>(Object.entries(rc).map(([name, code]) => [code >>> 0, name]));
// SCARD_E_UNEXPECTED and SCARD_E_UNSUPPORTED_FEATURE share 0x8010001F; pcsc-lite names it by the latter.
CODE_NAMES.set(rc.SCARD_E_UNSUPPORTED_FEATURE >>> 0, 'SCARD_E_UNSUPPORTED_FEATURE');

const BY_CODE = new Map<number, CodeDescription>(MESSAGES.map(([code, message]) => [code >>> 0, { name: CODE_NAMES.get(code >>> 0) ?? hexOf(code), message }]));

/** `0x8010000B` for SCARD_E_SHARING_VIOLATION. */
export function hexOf(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Name and pcsc-lite message of an SCARD_* code; an unknown code is named by its hex value. */
export function describeCodeName(code: number): CodeDescription {
  return BY_CODE.get(code >>> 0) ?? { name: hexOf(code), message: 'Unknown error.' };
}

/** Every code the table knows, for tests and tools. */
export function knownCodes(): number[] {
  return [...BY_CODE.keys()];
}
