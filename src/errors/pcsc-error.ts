import { brandClass, isBrandedInstance } from './brand';
import { describeCodeName } from './code-names';
import type { ScardCode, ScardCodeName, UnlistedCode, UnlistedCodeName } from './code-types';
import * as rc from './return-codes';

/** What a PcscError's constructor takes besides the code, the message and the call. */
export interface PcscErrorOptions extends ErrorOptions {
  /**
   * The code the PC/SC call returned, when the library reports it under its class's code (a handle
   * that answered SCARD_E_INVALID_HANDLE because the service died is a NoServiceError); default `code`.
   */
  readonly returnCode?: number;
}

/**
 * An SCARD_* failure: the one root of the library's errors. `code` is the SCARD_* number and
 * `codeName` its name, looked up from it; every subclass has one code of its own (its static
 * `scardCode`), so `error instanceof NoServiceError` and `error.codeName === 'SCARD_E_NO_SERVICE'`
 * always agree. `returnCode` keeps what PC/SC itself returned where that was another code.
 */
export class PcscError extends Error {
  static {
    brandClass(this, 'PcscError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'PcscError', value);
  }

  /** The SCARD_* code, e.g. 0x8010000B. */
  readonly code: ScardCode | UnlistedCode;
  /** The code's name, e.g. 'SCARD_E_SHARING_VIOLATION'; an unlisted code's hex value. */
  readonly codeName: ScardCodeName | UnlistedCodeName;
  /**
   * The code the failed PC/SC call returned. It equals `code` except where the library reports
   * the failure under its class's code: a card handle that died with the service (it answered
   * SCARD_E_INVALID_HANDLE or SCARD_F_COMM_ERROR) is a NoServiceError with SCARD_E_NO_SERVICE.
   */
  readonly returnCode: number;
  /** The SCard* call that failed, e.g. 'SCardConnect'. */
  readonly call: string | undefined;

  /** `options.cause`: what led to this error, e.g. the reason an AbortSignal carried. */
  constructor(code: number, message: string, call?: string, options?: PcscErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = (code >>> 0) as ScardCode | UnlistedCode;
    this.codeName = describeCodeName(code).name as ScardCodeName | UnlistedCodeName;
    this.returnCode = (options?.returnCode ?? code) >>> 0;
    this.call = call;
  }
}

/** A subclass of PcscError: its code is fixed, so its constructor takes none. */
export type FixedCodeErrorClass = (new (message: string, call?: string, options?: PcscErrorOptions) => PcscError) & {
  /** The class's one SCARD_* code. */
  readonly scardCode: ScardCode;
};

/** The code of the class being built: each subclass names its own as `static scardCode`. */
function codeOf(target: unknown): ScardCode {
  return (target as FixedCodeErrorClass).scardCode;
}

/** SCARD_E_SHARING_VIOLATION: another application holds the card in a mode that excludes this one. */
export class SharingViolationError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_SHARING_VIOLATION;
  declare readonly code: typeof rc.SCARD_E_SHARING_VIOLATION;
  declare readonly codeName: 'SCARD_E_SHARING_VIOLATION';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_W_RESET_CARD: the card was reset (by another application or a reader) under this handle. */
export class CardResetError extends PcscError {
  /** This class's code (CardUnpoweredError has its own). */
  static readonly scardCode: ScardCode = rc.SCARD_W_RESET_CARD;
  declare readonly code: typeof rc.SCARD_W_RESET_CARD | typeof rc.SCARD_W_UNPOWERED_CARD;
  declare readonly codeName: 'SCARD_W_RESET_CARD' | 'SCARD_W_UNPOWERED_CARD';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_W_UNPOWERED_CARD: the card was powered down under this handle; handled as a reset. */
export class CardUnpoweredError extends CardResetError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_W_UNPOWERED_CARD;
  declare readonly code: typeof rc.SCARD_W_UNPOWERED_CARD;
  declare readonly codeName: 'SCARD_W_UNPOWERED_CARD';
}

/** SCARD_W_REMOVED_CARD: the card left the reader (or may have: see Card's doc). */
export class CardRemovedError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_W_REMOVED_CARD;
  declare readonly code: typeof rc.SCARD_W_REMOVED_CARD;
  declare readonly codeName: 'SCARD_W_REMOVED_CARD';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/**
 * SCARD_E_NO_SERVICE: the PC/SC service is not running or died. A card handle that died with it
 * is one too, whatever it answered (SCARD_E_INVALID_HANDLE, SCARD_F_COMM_ERROR): that code is
 * kept in `returnCode`, the error that told of it in `cause`.
 */
export class NoServiceError extends PcscError {
  /** This class's code (ServiceStoppedError has its own). */
  static readonly scardCode: ScardCode = rc.SCARD_E_NO_SERVICE;
  declare readonly code: typeof rc.SCARD_E_NO_SERVICE | typeof rc.SCARD_E_SERVICE_STOPPED;
  declare readonly codeName: 'SCARD_E_NO_SERVICE' | 'SCARD_E_SERVICE_STOPPED';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_SERVICE_STOPPED: the service stopped, or restarted since a card handle was made. */
export class ServiceStoppedError extends NoServiceError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_E_SERVICE_STOPPED;
  declare readonly code: typeof rc.SCARD_E_SERVICE_STOPPED;
  declare readonly codeName: 'SCARD_E_SERVICE_STOPPED';
}

/** SCARD_E_NO_READERS_AVAILABLE: no reader is attached. */
export class NoReadersError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_NO_READERS_AVAILABLE;
  declare readonly code: typeof rc.SCARD_E_NO_READERS_AVAILABLE;
  declare readonly codeName: 'SCARD_E_NO_READERS_AVAILABLE';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_PROTO_MISMATCH: the card speaks none of the protocols asked for. */
export class ProtocolMismatchError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_PROTO_MISMATCH;
  declare readonly code: typeof rc.SCARD_E_PROTO_MISMATCH;
  declare readonly codeName: 'SCARD_E_PROTO_MISMATCH';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_NO_SMARTCARD: no card in the reader. */
export class NoSmartcardError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_NO_SMARTCARD;
  declare readonly code: typeof rc.SCARD_E_NO_SMARTCARD;
  declare readonly codeName: 'SCARD_E_NO_SMARTCARD';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_UNKNOWN_READER: no reader of that name. */
export class UnknownReaderError extends PcscError {
  /** This class's code (ReaderUnavailableError has its own). */
  static readonly scardCode: ScardCode = rc.SCARD_E_UNKNOWN_READER;
  declare readonly code: typeof rc.SCARD_E_UNKNOWN_READER | typeof rc.SCARD_E_READER_UNAVAILABLE;
  declare readonly codeName: 'SCARD_E_UNKNOWN_READER' | 'SCARD_E_READER_UNAVAILABLE';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_READER_UNAVAILABLE: the reader was there and is gone (unplugged), so it is no longer a known reader. */
export class ReaderUnavailableError extends UnknownReaderError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_E_READER_UNAVAILABLE;
  declare readonly code: typeof rc.SCARD_E_READER_UNAVAILABLE;
  declare readonly codeName: 'SCARD_E_READER_UNAVAILABLE';
}

/** SCARD_E_UNSUPPORTED_FEATURE: the driver, reader or service does not offer the call. */
export class UnsupportedFeatureError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_UNSUPPORTED_FEATURE;
  declare readonly code: typeof rc.SCARD_E_UNSUPPORTED_FEATURE;
  declare readonly codeName: 'SCARD_E_UNSUPPORTED_FEATURE';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_INVALID_HANDLE: PC/SC does not know the context or card handle. */
export class InvalidHandleError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_INVALID_HANDLE;
  declare readonly code: typeof rc.SCARD_E_INVALID_HANDLE;
  declare readonly codeName: 'SCARD_E_INVALID_HANDLE';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_CANCELLED: a wait was cancelled (SCardCancel). */
export class CancelledError extends PcscError {
  /** This class's code (SystemCancelledError and CancelledByUserError have their own). */
  static readonly scardCode: ScardCode = rc.SCARD_E_CANCELLED;
  declare readonly code: typeof rc.SCARD_E_CANCELLED | typeof rc.SCARD_E_SYSTEM_CANCELLED | typeof rc.SCARD_W_CANCELLED_BY_USER;
  declare readonly codeName: 'SCARD_E_CANCELLED' | 'SCARD_E_SYSTEM_CANCELLED' | 'SCARD_W_CANCELLED_BY_USER';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_SYSTEM_CANCELLED: the system cancelled the call (e.g. a log-off or shut-down on Windows). */
export class SystemCancelledError extends CancelledError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_E_SYSTEM_CANCELLED;
  declare readonly code: typeof rc.SCARD_E_SYSTEM_CANCELLED;
  declare readonly codeName: 'SCARD_E_SYSTEM_CANCELLED';
}

/** SCARD_W_CANCELLED_BY_USER: the user cancelled a card selection dialog. */
export class CancelledByUserError extends CancelledError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_W_CANCELLED_BY_USER;
  declare readonly code: typeof rc.SCARD_W_CANCELLED_BY_USER;
  declare readonly codeName: 'SCARD_W_CANCELLED_BY_USER';
}

/** SCARD_E_INVALID_PARAMETER: PC/SC (or the library, for InvalidArgumentError) refused a parameter. */
export class InvalidParameterError extends PcscError {
  /** This class's code (InvalidValueError has its own). */
  static readonly scardCode: ScardCode = rc.SCARD_E_INVALID_PARAMETER;
  declare readonly code: typeof rc.SCARD_E_INVALID_PARAMETER | typeof rc.SCARD_E_INVALID_VALUE;
  declare readonly codeName: 'SCARD_E_INVALID_PARAMETER' | 'SCARD_E_INVALID_VALUE';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** SCARD_E_INVALID_VALUE: PC/SC refused a parameter's value. */
export class InvalidValueError extends InvalidParameterError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_E_INVALID_VALUE;
  declare readonly code: typeof rc.SCARD_E_INVALID_VALUE;
  declare readonly codeName: 'SCARD_E_INVALID_VALUE';
}

/**
 * SCARD_E_COMM_DATA_LOST: the exchange with the card broke, e.g. it answered "success" with fewer
 * than two bytes (no status word).
 */
export class CardCommunicationError extends PcscError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_COMM_DATA_LOST;
  declare readonly code: typeof rc.SCARD_E_COMM_DATA_LOST;
  declare readonly codeName: 'SCARD_E_COMM_DATA_LOST';
  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** What happened when the library itself, not PC/SC, ended a call. */
export type LibraryReason = 'closed' | 'forked' | 'worker-crashed' | 'aborted' | 'timed-out';

/**
 * A condition of the library itself: `reason` says which. Its code is fixed, the SCARD_* code an
 * application calling PC/SC directly would have met in its place (ClosedError:
 * SCARD_E_INVALID_HANDLE, ForkedContextError and WorkerCrashedError: SCARD_E_NO_SERVICE,
 * AbortedError: SCARD_E_CANCELLED, TimeoutError: SCARD_E_TIMEOUT), so code-based handling keeps
 * working; `reason`, not `code`, tells a fork misuse or a dead worker from a dead pcscd. These
 * classes are not the table's class of their code (a ClosedError is no InvalidHandleError, a
 * WorkerCrashedError no NoServiceError), so the service recovery that a NoServiceError starts
 * does not start for a closed card or a crashed worker: tell them apart with `reason`.
 */
export abstract class LibraryError extends PcscError {
  /** Which library condition this is. */
  abstract readonly reason: LibraryReason;

  constructor(message: string, call?: string, options?: PcscErrorOptions) {
    super(codeOf(new.target), message, call, options);
  }
}

/** The Pcsc instance, the card or the driver was closed by the application (SCARD_E_INVALID_HANDLE). */
export class ClosedError extends LibraryError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_INVALID_HANDLE;
  declare readonly code: typeof rc.SCARD_E_INVALID_HANDLE;
  declare readonly codeName: 'SCARD_E_INVALID_HANDLE';
  /** Always 'closed'. */
  readonly reason = 'closed';
}

/**
 * A context used from a process other than the one that established it (fork): SCARD_E_NO_SERVICE,
 * what OS X El Capitan answers there.
 */
export class ForkedContextError extends LibraryError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_NO_SERVICE;
  declare readonly code: typeof rc.SCARD_E_NO_SERVICE;
  declare readonly codeName: 'SCARD_E_NO_SERVICE';
  /** Always 'forked'. */
  readonly reason = 'forked';
}

/** The isolated worker process holding the PC/SC context died (SCARD_E_NO_SERVICE). */
export class WorkerCrashedError extends LibraryError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_NO_SERVICE;
  declare readonly code: typeof rc.SCARD_E_NO_SERVICE;
  declare readonly codeName: 'SCARD_E_NO_SERVICE';
  /** Always 'worker-crashed'. */
  readonly reason = 'worker-crashed';
}

/** The caller gave up on a call before it reached the card (SCARD_E_CANCELLED). */
export class AbortedError extends LibraryError {
  /** This class's code. */
  static readonly scardCode: ScardCode = rc.SCARD_E_CANCELLED;
  declare readonly code: typeof rc.SCARD_E_CANCELLED;
  declare readonly codeName: 'SCARD_E_CANCELLED';
  /** Always 'aborted'. */
  readonly reason = 'aborted';
}

/**
 * A wait ran out of time (SCARD_E_TIMEOUT): a `timeout` the application gave, a hung worker, or
 * PC/SC's own SCARD_E_TIMEOUT for a wait the library asked for (SCARD_F_WAITED_TOO_LONG is
 * WaitedTooLongError, a TimeoutError too).
 */
export class TimeoutError extends LibraryError {
  /** This class's code (WaitedTooLongError has its own). */
  static readonly scardCode: ScardCode = rc.SCARD_E_TIMEOUT;
  declare readonly code: typeof rc.SCARD_E_TIMEOUT | typeof rc.SCARD_F_WAITED_TOO_LONG;
  declare readonly codeName: 'SCARD_E_TIMEOUT' | 'SCARD_F_WAITED_TOO_LONG';
  /** Always 'timed-out'. */
  readonly reason = 'timed-out';
}

/** SCARD_F_WAITED_TOO_LONG: PC/SC gave up waiting on its own. */
export class WaitedTooLongError extends TimeoutError {
  /** This class's code. */
  static override readonly scardCode: ScardCode = rc.SCARD_F_WAITED_TOO_LONG;
  declare readonly code: typeof rc.SCARD_F_WAITED_TOO_LONG;
  declare readonly codeName: 'SCARD_F_WAITED_TOO_LONG';
}
