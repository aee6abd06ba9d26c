import { brandClass, isBrandedInstance } from './brand';
import { describeCodeName } from './code-names';

/** An SCARD_* failure. `code` is the SCARD_* number; `codeName`, its name, is looked up from it. */
export class PcscError extends Error {
  static {
    brandClass(this, 'PcscError');
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'PcscError', value);
  }

  /** The SCARD_* code, e.g. 0x8010000B. */
  readonly code: number;
  /** The code's name, e.g. 'SCARD_E_SHARING_VIOLATION'. */
  readonly codeName: string;
  /** The SCard* call that failed, e.g. 'SCardConnect'. */
  readonly call: string | undefined;

  /** `options.cause`: what led to this error, e.g. the reason an AbortSignal carried. */
  constructor(code: number, message: string, call?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code >>> 0;
    this.codeName = describeCodeName(code).name;
    this.call = call;
  }
}

/** Another application holds the card or reader (SCARD_E_SHARING_VIOLATION). */
export class SharingViolationError extends PcscError {}
/** The card was reset or unpowered since this handle last used it (SCARD_W_RESET_CARD, SCARD_W_UNPOWERED_CARD): its state, e.g. the selected applet, is gone. */
export class CardResetError extends PcscError {}
/** The card was removed while connected (SCARD_W_REMOVED_CARD). */
export class CardRemovedError extends PcscError {}
/** The PC/SC service is not running or has stopped (SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED). */
export class NoServiceError extends PcscError {}
/** The service has no reader attached (SCARD_E_NO_READERS_AVAILABLE). */
export class NoReadersError extends PcscError {}
/** The card does not speak any of the protocols asked for (SCARD_E_PROTO_MISMATCH). */
export class ProtocolMismatchError extends PcscError {}
/** The reader has no card in it (SCARD_E_NO_SMARTCARD). */
export class NoSmartcardError extends PcscError {}
/** The reader name is not known to the service, or the reader is gone (SCARD_E_UNKNOWN_READER, SCARD_E_READER_UNAVAILABLE). */
export class UnknownReaderError extends PcscError {}
/** The driver or the platform's PC/SC lacks the call or feature (SCARD_E_UNSUPPORTED_FEATURE). */
export class UnsupportedFeatureError extends PcscError {}
/** The context or card handle is no longer valid (SCARD_E_INVALID_HANDLE). */
export class InvalidHandleError extends PcscError {}
/** The call was cancelled (SCARD_E_CANCELLED, SCARD_E_SYSTEM_CANCELLED, SCARD_W_CANCELLED_BY_USER). */
export class CancelledError extends PcscError {}
/** PC/SC refused an argument (SCARD_E_INVALID_PARAMETER, SCARD_E_INVALID_VALUE); bad input the library catches first is its subclass InvalidArgumentError. */
export class InvalidParameterError extends PcscError {}
/** The exchange with the card broke: e.g. it answered "success" with fewer than two bytes (no status word). */
export class CardCommunicationError extends PcscError {}

/** What happened when the library itself, not PC/SC, ended a call. */
export type LibraryReason = 'closed' | 'forked' | 'worker-crashed' | 'aborted' | 'timed-out';

/**
 * A condition of the library itself: `reason` says which. `code` is the SCARD_* code an
 * application calling PC/SC directly would have met in its place (ClosedError:
 * SCARD_E_INVALID_HANDLE, ForkedContextError and WorkerCrashedError: SCARD_E_NO_SERVICE,
 * AbortedError: SCARD_E_CANCELLED, TimeoutError: SCARD_E_TIMEOUT), so code-based handling keeps
 * working; `reason`, not `code`, tells a fork misuse or a dead worker from a dead pcscd.
 */
export abstract class LibraryError extends PcscError {
  /** Which library condition this is. */
  abstract readonly reason: LibraryReason;
}

/** The Pcsc instance, the card or the driver was closed by the application (SCARD_E_INVALID_HANDLE). */
export class ClosedError extends LibraryError {
  /** Always 'closed'. */
  readonly reason = 'closed';
}

/**
 * A context used from a process other than the one that established it (fork): SCARD_E_NO_SERVICE,
 * what OS X El Capitan answers there.
 */
export class ForkedContextError extends LibraryError {
  /** Always 'forked'. */
  readonly reason = 'forked';
}

/** The isolated worker process holding the PC/SC context died (SCARD_E_NO_SERVICE). */
export class WorkerCrashedError extends LibraryError {
  /** Always 'worker-crashed'. */
  readonly reason = 'worker-crashed';
}

/** The caller gave up on a call before it reached the card (SCARD_E_CANCELLED). */
export class AbortedError extends LibraryError {
  /** Always 'aborted'. */
  readonly reason = 'aborted';
}

/**
 * A wait ran out of time: a `timeout` the application gave, a hung worker, or PC/SC's own
 * SCARD_E_TIMEOUT / SCARD_F_WAITED_TOO_LONG for a wait the library asked for.
 */
export class TimeoutError extends LibraryError {
  /** Always 'timed-out'. */
  readonly reason = 'timed-out';
}
