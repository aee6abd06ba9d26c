import * as rc from '../../driver/return-codes';

/**
 * pcsc-lite 1.9's pcsc_stringify_error() texts, which PySCard's SCardGetErrorMessage returns on
 * Linux. They differ from the Windows texts in the core error table: codes pcsc-lite does not name
 * read "Unknown error: 0x8010xxxx", and SCARD_W_SECURITY_VIOLATION reads "Access denied.".
 */
const MESSAGES: ReadonlyMap<number, string> = new Map([
  [rc.SCARD_S_SUCCESS, 'Command successful.'],
  [rc.SCARD_F_INTERNAL_ERROR, 'Internal error.'],
  [rc.SCARD_E_CANCELLED, 'Command cancelled.'],
  [rc.SCARD_E_INVALID_HANDLE, 'Invalid handle.'],
  [rc.SCARD_E_INVALID_PARAMETER, 'Invalid parameter given.'],
  [rc.SCARD_E_INVALID_TARGET, 'Invalid target given.'],
  [rc.SCARD_E_NO_MEMORY, 'Not enough memory.'],
  [rc.SCARD_F_WAITED_TOO_LONG, 'Waited too long.'],
  [rc.SCARD_E_INSUFFICIENT_BUFFER, 'Insufficient buffer.'],
  [rc.SCARD_E_UNKNOWN_READER, 'Unknown reader specified.'],
  [rc.SCARD_E_TIMEOUT, 'Command timeout.'],
  [rc.SCARD_E_SHARING_VIOLATION, 'Sharing violation.'],
  [rc.SCARD_E_NO_SMARTCARD, 'No smart card inserted.'],
  [rc.SCARD_E_UNKNOWN_CARD, 'Unknown card.'],
  [rc.SCARD_E_CANT_DISPOSE, 'Cannot dispose handle.'],
  [rc.SCARD_E_PROTO_MISMATCH, 'Card protocol mismatch.'],
  [rc.SCARD_E_NOT_READY, 'Subsystem not ready.'],
  [rc.SCARD_E_INVALID_VALUE, 'Invalid value given.'],
  [rc.SCARD_E_SYSTEM_CANCELLED, 'System cancelled.'],
  [rc.SCARD_F_COMM_ERROR, 'RPC transport error.'],
  [rc.SCARD_F_UNKNOWN_ERROR, 'Unknown error.'],
  [rc.SCARD_E_INVALID_ATR, 'Invalid ATR.'],
  [rc.SCARD_E_NOT_TRANSACTED, 'Transaction failed.'],
  [rc.SCARD_E_READER_UNAVAILABLE, 'Reader is unavailable.'],
  [rc.SCARD_E_PCI_TOO_SMALL, 'PCI struct too small.'],
  [rc.SCARD_E_READER_UNSUPPORTED, 'Reader is unsupported.'],
  [rc.SCARD_E_DUPLICATE_READER, 'Reader already exists.'],
  [rc.SCARD_E_CARD_UNSUPPORTED, 'Card is unsupported.'],
  [rc.SCARD_E_NO_SERVICE, 'Service not available.'],
  [rc.SCARD_E_SERVICE_STOPPED, 'Service was stopped.'],
  [rc.SCARD_E_UNSUPPORTED_FEATURE, 'Feature not supported.'],
  [rc.SCARD_E_NO_READERS_AVAILABLE, 'Cannot find a smart card reader.'],
  [rc.SCARD_W_UNSUPPORTED_CARD, 'Card is not supported.'],
  [rc.SCARD_W_UNRESPONSIVE_CARD, 'Card is unresponsive.'],
  [rc.SCARD_W_UNPOWERED_CARD, 'Card is unpowered.'],
  [rc.SCARD_W_RESET_CARD, 'Card was reset.'],
  [rc.SCARD_W_REMOVED_CARD, 'Card was removed.'],
  [rc.SCARD_W_SECURITY_VIOLATION, 'Access denied.'],
]);

/** An SCARD_* code as PySCard's hex notation writes it: 0x8010000B. */
export function formatHresult(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The text PySCard's `SCardGetErrorMessage(hresult)` gives on Linux. */
export function SCardGetErrorMessage(hresult: number): string {
  const code = hresult >>> 0;
  return MESSAGES.get(code) ?? `Unknown error: ${formatHresult(code)}`;
}
