import * as rc from './return-codes';
import { checkOptionalText, checkReturnCode } from './check-integer';
import { describeCodeName, hexOf } from './code-names';
import {
  CancelledError,
  CardCommunicationError,
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

type PcscErrorClass = typeof PcscError;

/** What `describeCode` tells about an SCARD_* code. */
export interface CodeEntry {
  /** The constant's name, e.g. 'SCARD_E_SHARING_VIOLATION'; the hex value for an unknown code. */
  readonly name: string;
  /** pcsc-lite's pcsc_stringify_error() text. */
  readonly message: string;
  /** The PcscError subclass `errorFromCode` throws for it (PcscError itself when it has none). */
  readonly errorClass: typeof PcscError;
}

/** The error class of each SCARD_* code that has one of its own; every other code is a plain PcscError. */
const CLASSES = new Map<number, PcscErrorClass>([
  [rc.SCARD_E_CANCELLED, CancelledError],
  [rc.SCARD_E_INVALID_HANDLE, InvalidHandleError],
  [rc.SCARD_E_INVALID_PARAMETER, InvalidParameterError],
  [rc.SCARD_F_WAITED_TOO_LONG, TimeoutError],
  [rc.SCARD_E_UNKNOWN_READER, UnknownReaderError],
  // The reader was there and is gone (unplugged): to the application it is no longer a known reader.
  [rc.SCARD_E_READER_UNAVAILABLE, UnknownReaderError],
  [rc.SCARD_E_TIMEOUT, TimeoutError],
  [rc.SCARD_E_SHARING_VIOLATION, SharingViolationError],
  [rc.SCARD_E_NO_SMARTCARD, NoSmartcardError],
  [rc.SCARD_E_PROTO_MISMATCH, ProtocolMismatchError],
  [rc.SCARD_E_INVALID_VALUE, InvalidParameterError],
  [rc.SCARD_E_SYSTEM_CANCELLED, CancelledError],
  [rc.SCARD_E_NO_SERVICE, NoServiceError],
  [rc.SCARD_E_SERVICE_STOPPED, NoServiceError],
  [rc.SCARD_E_UNSUPPORTED_FEATURE, UnsupportedFeatureError],
  [rc.SCARD_E_NO_READERS_AVAILABLE, NoReadersError],
  [rc.SCARD_W_UNPOWERED_CARD, CardResetError],
  [rc.SCARD_W_RESET_CARD, CardResetError],
  [rc.SCARD_W_REMOVED_CARD, CardRemovedError],
  [rc.SCARD_W_CANCELLED_BY_USER, CancelledError],
  [rc.SCARD_E_COMM_DATA_LOST, CardCommunicationError],
]);

/** Name, pcsc-lite message and error class of an SCARD_* code; InvalidArgumentError for a value that is no 32-bit integer. */
export function describeCode(code: number): CodeEntry {
  checkReturnCode(code, 'code', 'describeCode');
  return { ...describeCodeName(code), errorClass: CLASSES.get(code >>> 0) ?? PcscError };
}

/** The typed error for an SCARD_* code returned by `call`; InvalidArgumentError for a code that is no 32-bit integer or a `call`/`detail` that is no string. */
export function errorFromCode(code: number, call?: string, detail?: string): PcscError {
  checkReturnCode(code, 'code', 'errorFromCode');
  checkOptionalText(call, 'call', 'errorFromCode');
  checkOptionalText(detail, 'detail', 'errorFromCode');
  const entry = describeCode(code);
  const where = call ? `${call}: ` : '';
  const extra = detail ? ` ${detail}` : '';
  return new entry.errorClass(code >>> 0, `${where}${entry.message} (${entry.name}, ${hexOf(code)})${extra}`, call);
}
