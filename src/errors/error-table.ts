import { checkOptionalText, checkReturnCode } from './check-integer';
import { describeCodeName, hexOf } from './code-names';
import {
  CancelledByUserError,
  CancelledError,
  CardCommunicationError,
  CardRemovedError,
  CardResetError,
  CardUnpoweredError,
  InvalidHandleError,
  InvalidParameterError,
  InvalidValueError,
  NoReadersError,
  NoServiceError,
  NoSmartcardError,
  PcscError,
  ProtocolMismatchError,
  ReaderUnavailableError,
  ServiceStoppedError,
  SharingViolationError,
  SystemCancelledError,
  TimeoutError,
  UnknownReaderError,
  UnsupportedFeatureError,
  WaitedTooLongError,
  type FixedCodeErrorClass,
} from './pcsc-error';

/** What `describeCode` tells about an SCARD_* code. */
export interface CodeEntry {
  /** The constant's name, e.g. 'SCARD_E_SHARING_VIOLATION'; the hex value for an unknown code. */
  readonly name: string;
  /** pcsc-lite's pcsc_stringify_error() text. */
  readonly message: string;
  /** The PcscError subclass `errorFromCode` throws for it (PcscError itself when it has none). */
  readonly errorClass: typeof PcscError | FixedCodeErrorClass;
}

/**
 * The error class of each SCARD_* code that has one of its own; every other code is a plain
 * PcscError. Each class names its one code (`scardCode`), so the table is built from the classes
 * and a class cannot stand for a code other than its own.
 */
const CLASSES = new Map<number, FixedCodeErrorClass>(
  [
    CancelledError,
    SystemCancelledError,
    CancelledByUserError,
    InvalidHandleError,
    InvalidParameterError,
    InvalidValueError,
    TimeoutError,
    WaitedTooLongError,
    UnknownReaderError,
    ReaderUnavailableError,
    SharingViolationError,
    NoSmartcardError,
    ProtocolMismatchError,
    NoServiceError,
    ServiceStoppedError,
    UnsupportedFeatureError,
    NoReadersError,
    CardResetError,
    CardUnpoweredError,
    CardRemovedError,
    CardCommunicationError,
  ].map((errorClass: FixedCodeErrorClass) => [errorClass.scardCode >>> 0, errorClass]),
);

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
  const message = `${where}${entry.message} (${entry.name}, ${hexOf(code)})${extra}`;
  const errorClass = CLASSES.get(code >>> 0);
  return errorClass === undefined ? new PcscError(code >>> 0, message, call) : new errorClass(message, call);
}
