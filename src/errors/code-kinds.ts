import {
  SCARD_E_CANCELLED,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SERVICE,
  SCARD_E_READER_UNAVAILABLE,
  SCARD_E_SERVICE_STOPPED,
  SCARD_E_TIMEOUT,
  SCARD_F_COMM_ERROR,
  SCARD_S_SUCCESS,
  SCARD_W_REMOVED_CARD,
  SCARD_W_RESET_CARD,
  SCARD_W_UNPOWERED_CARD,
} from './return-codes';

/**
 * Codes that mean the PC/SC context died with the service and must be established again.
 * libpcsclite answers SCARD_F_COMM_ERROR when pcscd dies in the middle of a call.
 */
const SERVICE_LOSS: ReadonlySet<number> = new Set([SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED, SCARD_E_INVALID_HANDLE, SCARD_F_COMM_ERROR]);

/** Codes that say the card under a handle was reset, powered down or removed. */
const RESET_OR_GONE: ReadonlySet<number> = new Set([SCARD_W_RESET_CARD, SCARD_W_REMOVED_CARD, SCARD_W_UNPOWERED_CARD]);

export function isServiceLoss(code: number): boolean {
  return SERVICE_LOSS.has(code);
}

export function isResetOrGone(code: number): boolean {
  return RESET_OR_GONE.has(code);
}

/** Codes that end a wait by time or by cancel: they say nothing about the daemon behind a handle. */
const WAIT_ENDED: ReadonlySet<number> = new Set([SCARD_E_TIMEOUT, SCARD_E_CANCELLED]);

/**
 * Whether a failed call on a card handle may mean the service restarted under it. A restarted
 * pcscd answers a handle it never made with whatever code its lookup gives (seen:
 * SCARD_W_SECURITY_VIOLATION), so every failure counts except a wait that ended by time or cancel.
 */
export function mayFollowServiceRestart(code: number): boolean {
  return code !== SCARD_S_SUCCESS && !WAIT_ENDED.has(code >>> 0);
}

/**
 * Codes a card call answers once the handle's reader was unplugged: SCARD_E_READER_UNAVAILABLE
 * (pcscd while its reader driver reports the device gone; pcsc-lite's client library for
 * SCardStatus), then SCARD_E_INVALID_VALUE or SCARD_E_INVALID_HANDLE once pcscd no longer finds
 * the reader behind the handle. Only a reader listing tells a removed reader from the other
 * causes of those two.
 */
const READER_REMOVAL_SIGNS: ReadonlySet<number> = new Set([SCARD_E_INVALID_VALUE, SCARD_E_INVALID_HANDLE, SCARD_E_READER_UNAVAILABLE]);

export function mayMeanReaderRemoved(code: number): boolean {
  return READER_REMOVAL_SIGNS.has(code >>> 0);
}
