import * as rc from '../../driver/return-codes';
import { describeCodeName, hexOf, knownCodes } from '../../errors/code-names';

/**
 * Codes whose text pcsc-lite 1.9's pcsc_stringify_error() does not have (PySCard's
 * SCardGetErrorMessage on Linux reads "Unknown error: 0x8010xxxx" for them); every other code reads
 * as the core table says, except SCARD_W_SECURITY_VIOLATION, which pcsc-lite shortens.
 */
const UNNAMED_BY_PCSC_LITE: ReadonlySet<number> = new Set(
  [
    rc.SCARD_P_SHUTDOWN,
    rc.SCARD_E_ICC_INSTALLATION,
    rc.SCARD_E_ICC_CREATEORDER,
    rc.SCARD_E_DIR_NOT_FOUND,
    rc.SCARD_E_FILE_NOT_FOUND,
    rc.SCARD_E_NO_DIR,
    rc.SCARD_E_NO_FILE,
    rc.SCARD_E_NO_ACCESS,
    rc.SCARD_E_WRITE_TOO_MANY,
    rc.SCARD_E_BAD_SEEK,
    rc.SCARD_E_INVALID_CHV,
    rc.SCARD_E_UNKNOWN_RES_MNG,
    rc.SCARD_E_NO_SUCH_CERTIFICATE,
    rc.SCARD_E_CERTIFICATE_UNAVAILABLE,
    rc.SCARD_E_COMM_DATA_LOST,
    rc.SCARD_E_NO_KEY_CONTAINER,
    rc.SCARD_E_SERVER_TOO_BUSY,
    rc.SCARD_W_WRONG_CHV,
    rc.SCARD_W_CHV_BLOCKED,
    rc.SCARD_W_EOF,
    rc.SCARD_W_CANCELLED_BY_USER,
    rc.SCARD_W_CARD_NOT_AUTHENTICATED,
  ].map((code) => code >>> 0),
);
const NAMED_BY_CORE: ReadonlySet<number> = new Set(knownCodes());

/** An SCARD_* code as PySCard's hex notation writes it: 0x8010000B. */
export function formatHresult(code: number): string {
  return hexOf(code);
}

/** The text PySCard's `SCardGetErrorMessage(hresult)` gives on Linux. */
export function SCardGetErrorMessage(hresult: number): string {
  const code = hresult >>> 0;
  if (code === rc.SCARD_W_SECURITY_VIOLATION >>> 0) return 'Access denied.';
  if (UNNAMED_BY_PCSC_LITE.has(code) || !NAMED_BY_CORE.has(code)) return `Unknown error: ${formatHresult(code)}`;
  return describeCodeName(code).message;
}
