import * as rc from './return-codes';
import {
  CancelledError,
  CardRemovedError,
  CardResetError,
  InvalidHandleError,
  InvalidParameterError,
  NoReadersError,
  NoServiceError,
  NoSmartcardError,
  PcscError,
  ProtocolMismatchError,
  SharingViolationError,
  TimeoutError,
  UnknownReaderError,
  UnsupportedFeatureError,
} from './pcsc-error';

type PcscErrorClass = new (code: number, codeName: string, message: string, call?: string) => PcscError;

interface CodeEntry {
  readonly name: string;
  /** pcsc-lite's pcsc_stringify_error() text. */
  readonly message: string;
  readonly errorClass: PcscErrorClass;
}

/** The one table from SCARD_* codes to names, messages and error classes. */
const TABLE: ReadonlyArray<readonly [number, string, string, PcscErrorClass]> = [
  [rc.SCARD_S_SUCCESS, 'SCARD_S_SUCCESS', 'Command successful.', PcscError],
  [rc.SCARD_F_INTERNAL_ERROR, 'SCARD_F_INTERNAL_ERROR', 'Internal error.', PcscError],
  [rc.SCARD_E_CANCELLED, 'SCARD_E_CANCELLED', 'Command cancelled.', CancelledError],
  [rc.SCARD_E_INVALID_HANDLE, 'SCARD_E_INVALID_HANDLE', 'Invalid handle.', InvalidHandleError],
  [rc.SCARD_E_INVALID_PARAMETER, 'SCARD_E_INVALID_PARAMETER', 'Invalid parameter given.', InvalidParameterError],
  [rc.SCARD_E_INVALID_TARGET, 'SCARD_E_INVALID_TARGET', 'Invalid target given.', PcscError],
  [rc.SCARD_E_NO_MEMORY, 'SCARD_E_NO_MEMORY', 'Not enough memory.', PcscError],
  [rc.SCARD_F_WAITED_TOO_LONG, 'SCARD_F_WAITED_TOO_LONG', 'Waited too long.', TimeoutError],
  [rc.SCARD_E_INSUFFICIENT_BUFFER, 'SCARD_E_INSUFFICIENT_BUFFER', 'Insufficient buffer.', PcscError],
  [rc.SCARD_E_UNKNOWN_READER, 'SCARD_E_UNKNOWN_READER', 'Unknown reader specified.', UnknownReaderError],
  [rc.SCARD_E_TIMEOUT, 'SCARD_E_TIMEOUT', 'Command timeout.', TimeoutError],
  [rc.SCARD_E_SHARING_VIOLATION, 'SCARD_E_SHARING_VIOLATION', 'Sharing violation.', SharingViolationError],
  [rc.SCARD_E_NO_SMARTCARD, 'SCARD_E_NO_SMARTCARD', 'No smart card inserted.', NoSmartcardError],
  [rc.SCARD_E_UNKNOWN_CARD, 'SCARD_E_UNKNOWN_CARD', 'Unknown card.', PcscError],
  [rc.SCARD_E_CANT_DISPOSE, 'SCARD_E_CANT_DISPOSE', 'Cannot dispose handle.', PcscError],
  [rc.SCARD_E_PROTO_MISMATCH, 'SCARD_E_PROTO_MISMATCH', 'Card protocol mismatch.', ProtocolMismatchError],
  [rc.SCARD_E_NOT_READY, 'SCARD_E_NOT_READY', 'Subsystem not ready.', PcscError],
  [rc.SCARD_E_INVALID_VALUE, 'SCARD_E_INVALID_VALUE', 'Invalid value given.', InvalidParameterError],
  [rc.SCARD_E_SYSTEM_CANCELLED, 'SCARD_E_SYSTEM_CANCELLED', 'System cancelled.', CancelledError],
  [rc.SCARD_F_COMM_ERROR, 'SCARD_F_COMM_ERROR', 'RPC transport error.', PcscError],
  [rc.SCARD_F_UNKNOWN_ERROR, 'SCARD_F_UNKNOWN_ERROR', 'Unknown error.', PcscError],
  [rc.SCARD_E_INVALID_ATR, 'SCARD_E_INVALID_ATR', 'Invalid ATR.', PcscError],
  [rc.SCARD_E_NOT_TRANSACTED, 'SCARD_E_NOT_TRANSACTED', 'Transaction failed.', PcscError],
  [rc.SCARD_E_READER_UNAVAILABLE, 'SCARD_E_READER_UNAVAILABLE', 'Reader is unavailable.', PcscError],
  [rc.SCARD_P_SHUTDOWN, 'SCARD_P_SHUTDOWN', 'PCSC shutdown.', PcscError],
  [rc.SCARD_E_PCI_TOO_SMALL, 'SCARD_E_PCI_TOO_SMALL', 'PCI struct too small.', PcscError],
  [rc.SCARD_E_READER_UNSUPPORTED, 'SCARD_E_READER_UNSUPPORTED', 'Reader is unsupported.', PcscError],
  [rc.SCARD_E_DUPLICATE_READER, 'SCARD_E_DUPLICATE_READER', 'Reader already exists.', PcscError],
  [rc.SCARD_E_CARD_UNSUPPORTED, 'SCARD_E_CARD_UNSUPPORTED', 'Card is unsupported.', PcscError],
  [rc.SCARD_E_NO_SERVICE, 'SCARD_E_NO_SERVICE', 'Service not available.', NoServiceError],
  [rc.SCARD_E_SERVICE_STOPPED, 'SCARD_E_SERVICE_STOPPED', 'Service was stopped.', NoServiceError],
  [rc.SCARD_E_UNSUPPORTED_FEATURE, 'SCARD_E_UNSUPPORTED_FEATURE', 'Feature not supported.', UnsupportedFeatureError],
  [rc.SCARD_E_ICC_INSTALLATION, 'SCARD_E_ICC_INSTALLATION', 'Cannot find a smart card reader.', PcscError],
  [rc.SCARD_E_ICC_CREATEORDER, 'SCARD_E_ICC_CREATEORDER', 'The requested order of object creation is not supported.', PcscError],
  [rc.SCARD_E_DIR_NOT_FOUND, 'SCARD_E_DIR_NOT_FOUND', 'The identified directory does not exist in the smart card.', PcscError],
  [rc.SCARD_E_FILE_NOT_FOUND, 'SCARD_E_FILE_NOT_FOUND', 'The identified file does not exist in the smart card.', PcscError],
  [rc.SCARD_E_NO_DIR, 'SCARD_E_NO_DIR', 'The supplied path does not represent a smart card directory.', PcscError],
  [rc.SCARD_E_NO_FILE, 'SCARD_E_NO_FILE', 'The supplied path does not represent a smart card file.', PcscError],
  [rc.SCARD_E_NO_ACCESS, 'SCARD_E_NO_ACCESS', 'Access is denied to this file.', PcscError],
  [rc.SCARD_E_WRITE_TOO_MANY, 'SCARD_E_WRITE_TOO_MANY', 'The smart card does not have enough memory to store the information.', PcscError],
  [rc.SCARD_E_BAD_SEEK, 'SCARD_E_BAD_SEEK', 'There was an error trying to set the smart card file object pointer.', PcscError],
  [rc.SCARD_E_INVALID_CHV, 'SCARD_E_INVALID_CHV', 'The supplied PIN is incorrect.', PcscError],
  [rc.SCARD_E_UNKNOWN_RES_MNG, 'SCARD_E_UNKNOWN_RES_MNG', 'An unrecognized error code was returned.', PcscError],
  [rc.SCARD_E_NO_SUCH_CERTIFICATE, 'SCARD_E_NO_SUCH_CERTIFICATE', 'The requested certificate does not exist.', PcscError],
  [rc.SCARD_E_CERTIFICATE_UNAVAILABLE, 'SCARD_E_CERTIFICATE_UNAVAILABLE', 'The requested certificate could not be obtained.', PcscError],
  [rc.SCARD_E_NO_READERS_AVAILABLE, 'SCARD_E_NO_READERS_AVAILABLE', 'Cannot find a smart card reader.', NoReadersError],
  [rc.SCARD_E_COMM_DATA_LOST, 'SCARD_E_COMM_DATA_LOST', 'A communications error with the smart card has been detected.', PcscError],
  [rc.SCARD_E_NO_KEY_CONTAINER, 'SCARD_E_NO_KEY_CONTAINER', 'The requested key container does not exist on the smart card.', PcscError],
  [rc.SCARD_E_SERVER_TOO_BUSY, 'SCARD_E_SERVER_TOO_BUSY', 'The smart card resource manager is too busy to complete this operation.', PcscError],
  [rc.SCARD_W_UNSUPPORTED_CARD, 'SCARD_W_UNSUPPORTED_CARD', 'Card is not supported.', PcscError],
  [rc.SCARD_W_UNRESPONSIVE_CARD, 'SCARD_W_UNRESPONSIVE_CARD', 'Card is unresponsive.', PcscError],
  [rc.SCARD_W_UNPOWERED_CARD, 'SCARD_W_UNPOWERED_CARD', 'Card is unpowered.', CardResetError],
  [rc.SCARD_W_RESET_CARD, 'SCARD_W_RESET_CARD', 'Card was reset.', CardResetError],
  [rc.SCARD_W_REMOVED_CARD, 'SCARD_W_REMOVED_CARD', 'Card was removed.', CardRemovedError],
  [rc.SCARD_W_SECURITY_VIOLATION, 'SCARD_W_SECURITY_VIOLATION', 'Access was denied because of a security violation.', PcscError],
  [rc.SCARD_W_WRONG_CHV, 'SCARD_W_WRONG_CHV', 'The card cannot be accessed because the wrong PIN was presented.', PcscError],
  [rc.SCARD_W_CHV_BLOCKED, 'SCARD_W_CHV_BLOCKED', 'The card cannot be accessed because the maximum number of PIN entry attempts has been reached.', PcscError],
  [rc.SCARD_W_EOF, 'SCARD_W_EOF', 'The end of the smart card file has been reached.', PcscError],
  [rc.SCARD_W_CANCELLED_BY_USER, 'SCARD_W_CANCELLED_BY_USER', 'The user pressed "Cancel" on a Smart Card Selection Dialog.', CancelledError],
  [rc.SCARD_W_CARD_NOT_AUTHENTICATED, 'SCARD_W_CARD_NOT_AUTHENTICATED', 'No PIN was presented to the smart card.', PcscError],
];

const BY_CODE = new Map<number, CodeEntry>(
  TABLE.map(([code, name, message, errorClass]) => [code, { name, message, errorClass }]),
);

function unknownEntry(code: number): CodeEntry {
  return { name: `0x${code.toString(16).toUpperCase().padStart(8, '0')}`, message: 'Unknown error.', errorClass: PcscError };
}

/** Name, pcsc-lite message and error class of an SCARD_* code. */
export function describeCode(code: number): CodeEntry {
  return BY_CODE.get(code >>> 0) ?? unknownEntry(code >>> 0);
}

/** Every code the table knows, for tests and tools. */
export function knownCodes(): number[] {
  return [...BY_CODE.keys()];
}

/** The typed error for an SCARD_* code returned by `call`. */
export function errorFromCode(code: number, call?: string, detail?: string): PcscError {
  const entry = describeCode(code);
  const hex = `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const where = call ? `${call}: ` : '';
  const extra = detail ? ` ${detail}` : '';
  return new entry.errorClass(code >>> 0, entry.name, `${where}${entry.message} (${entry.name}, ${hex})${extra}`, call);
}
