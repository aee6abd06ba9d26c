import * as rc from '../../driver/return-codes';
import { fromClientLibrary } from '../client-library-code';
import { messageOf } from '../error-message';

/** `smartcard` reports failures as fixed English phrases without the code; this maps them back. */
const CODE_BY_MESSAGE = new Map<string, number>([
  ['Operation cancelled', rc.SCARD_E_CANCELLED],
  ['Cannot dispose handle', rc.SCARD_E_CANT_DISPOSE],
  ['Insufficient buffer', rc.SCARD_E_INSUFFICIENT_BUFFER],
  ['Invalid ATR', rc.SCARD_E_INVALID_ATR],
  ['Invalid handle', rc.SCARD_E_INVALID_HANDLE],
  ['Invalid parameter', rc.SCARD_E_INVALID_PARAMETER],
  ['Invalid target', rc.SCARD_E_INVALID_TARGET],
  ['Invalid value', rc.SCARD_E_INVALID_VALUE],
  ['Not enough memory', rc.SCARD_E_NO_MEMORY],
  ['PC/SC service not running', rc.SCARD_E_NO_SERVICE],
  ['No smart card present', rc.SCARD_E_NO_SMARTCARD],
  ['Reader not ready', rc.SCARD_E_NOT_READY],
  ['Transaction failed', rc.SCARD_E_NOT_TRANSACTED],
  ['PCI struct too small', rc.SCARD_E_PCI_TOO_SMALL],
  ['Protocol mismatch', rc.SCARD_E_PROTO_MISMATCH],
  ['Reader unavailable', rc.SCARD_E_READER_UNAVAILABLE],
  ['PC/SC service stopped', rc.SCARD_E_SERVICE_STOPPED],
  ['Sharing violation', rc.SCARD_E_SHARING_VIOLATION],
  ['System cancelled operation', rc.SCARD_E_SYSTEM_CANCELLED],
  ['Operation timed out', rc.SCARD_E_TIMEOUT],
  ['Unknown card type', rc.SCARD_E_UNKNOWN_CARD],
  ['Unknown reader', rc.SCARD_E_UNKNOWN_READER],
  ['No readers available', rc.SCARD_E_NO_READERS_AVAILABLE],
  ['Communication error', rc.SCARD_F_COMM_ERROR],
  ['Internal error', rc.SCARD_F_INTERNAL_ERROR],
  ['Card was removed', rc.SCARD_W_REMOVED_CARD],
  ['Card was reset', rc.SCARD_W_RESET_CARD],
  ['Card is unpowered', rc.SCARD_W_UNPOWERED_CARD],
  ['Card is unresponsive', rc.SCARD_W_UNRESPONSIVE_CARD],
  ['Card is not supported', rc.SCARD_W_UNSUPPORTED_CARD],
  ['Context is not valid', rc.SCARD_E_INVALID_HANDLE],
  ['Card is not connected', rc.SCARD_E_INVALID_HANDLE],
]);

export function codeFromSmartcardError(error: unknown): number {
  return fromClientLibrary(CODE_BY_MESSAGE.get(messageOf(error).trim()) ?? rc.SCARD_F_UNKNOWN_ERROR);
}
