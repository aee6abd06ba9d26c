/** Error code: a failure with no better classification (nfc-pcsc's UNKNOWN_ERROR). */
export const UNKNOWN_ERROR = 'unknown_error';
/** Error code: the PC/SC call failed. */
export const FAILURE = 'failure';
/** Error code: no card, or no connection to it. */
export const CARD_NOT_CONNECTED = 'card_not_connected';
/** Error code: the card or reader answered with a status word other than 90 00. */
export const OPERATION_FAILED = 'operation_failed';

/**
 * nfc-pcsc's error base class: `code` (one of the codes above, or a specific one such as
 * 'invalid_key'), and `previous`, the error behind it — here the library's typed error (e.g. a
 * TagAuthenticationError naming the tag, the command and the SW).
 */
export class BaseError extends Error {
  /** The nfc-pcsc error code, e.g. 'operation_failed'. */
  readonly code: string | null;
  /** The error that caused this one. */
  readonly previous: Error | undefined;

  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(message ?? previousError?.message ?? '', previousError ? { cause: previousError } : undefined);
    this.name = 'BaseError';
    this.code = code ?? null;
    this.previous = previousError;
  }
}

/** transmit() failed. */
export class TransmitError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'TransmitError';
  }
}

/** control() failed (an escape command). */
export class ControlError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'ControlError';
  }
}

/** read() failed. */
export class ReadError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'ReadError';
  }
}

/** write() failed. */
export class WriteError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'WriteError';
  }
}

/** loadAuthenticationKey() failed. */
export class LoadAuthenticationKeyError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'LoadAuthenticationKeyError';
  }
}

/** authenticate() failed. */
export class AuthenticationError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'AuthenticationError';
  }
}

/** connect() failed. */
export class ConnectError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'ConnectError';
  }
}

/** disconnect() failed. */
export class DisconnectError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'DisconnectError';
  }
}

/** Reading the UID (or the AID SELECT) during automatic processing failed. */
export class GetUIDError extends BaseError {
  constructor(code?: string | null, message?: string | null, previousError?: Error) {
    super(code, message, previousError);
    this.name = 'GetUIDError';
  }
}
