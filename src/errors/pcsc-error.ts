/** An SCARD_* failure. `code` is the SCARD_* number, `codeName` its name. */
export class PcscError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** The SCard* call that failed, e.g. 'SCardConnect'. */
  readonly call: string | undefined;

  constructor(code: number, codeName: string, message: string, call?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.codeName = codeName;
    this.call = call;
  }
}

export class SharingViolationError extends PcscError {}
export class CardResetError extends PcscError {}
export class CardRemovedError extends PcscError {}
export class NoServiceError extends PcscError {}
export class NoReadersError extends PcscError {}
export class ProtocolMismatchError extends PcscError {}
export class TimeoutError extends PcscError {}
export class NoSmartcardError extends PcscError {}
export class UnknownReaderError extends PcscError {}
export class UnsupportedFeatureError extends PcscError {}
export class InvalidHandleError extends PcscError {}
export class CancelledError extends PcscError {}
export class InvalidParameterError extends PcscError {}
/** A context used from a process other than the one that established it (fork). */
export class ForkedContextError extends PcscError {}
/** The isolated worker process holding the PC/SC context died. */
export class WorkerCrashedError extends PcscError {}
/** The Pcsc instance (or the card) was closed by the application. */
export class ClosedError extends PcscError {}
