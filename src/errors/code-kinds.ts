import {
  SCARD_E_INVALID_HANDLE,
  SCARD_E_NO_SERVICE,
  SCARD_E_SERVICE_STOPPED,
  SCARD_F_COMM_ERROR,
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
