import * as rc from '../../driver/return-codes';
import {
  SCARD_ABSENT,
  SCARD_NEGOTIABLE,
  SCARD_POWERED,
  SCARD_PRESENT,
  SCARD_PROTOCOL_RAW,
  SCARD_SPECIFIC,
  SCARD_SWALLOWED,
  SCARD_UNKNOWN,
} from '../../driver/scard-constants';

/** Codes whose number or meaning differs between winscard.dll and pcsc-lite. */
export const WIN32_SCARD_E_UNEXPECTED = 0x8010001f;
export const WIN32_SCARD_E_UNSUPPORTED_FEATURE = 0x80100022;

/**
 * winscard.dll codes that are not pcsc-lite's, or not SCARD_* codes at all (Win32 errors that
 * Windows passes through), with the library code each becomes. pcsc-lite gives SCARD_E_UNEXPECTED
 * and SCARD_E_UNSUPPORTED_FEATURE one number; Windows does not, so "unexpected" becomes an unknown
 * error here rather than an unsupported feature.
 */
export const WIN32_CODE_MAP: ReadonlyMap<number, number> = new Map([
  [WIN32_SCARD_E_UNEXPECTED, rc.SCARD_F_UNKNOWN_ERROR],
  [WIN32_SCARD_E_UNSUPPORTED_FEATURE, rc.SCARD_E_UNSUPPORTED_FEATURE],
  [0x80100032, rc.SCARD_W_CARD_NOT_AUTHENTICATED], // SCARD_E_PIN_CACHE_EXPIRED
  [0x80100033, rc.SCARD_W_CARD_NOT_AUTHENTICATED], // SCARD_E_NO_PIN_CACHE
  [0x80100034, rc.SCARD_E_NO_ACCESS], // SCARD_E_READ_ONLY_CARD
  [0x80100070, rc.SCARD_F_UNKNOWN_ERROR], // SCARD_W_CACHE_ITEM_NOT_FOUND
  [0x80100071, rc.SCARD_F_UNKNOWN_ERROR], // SCARD_W_CACHE_ITEM_STALE
  [0x80100072, rc.SCARD_F_UNKNOWN_ERROR], // SCARD_W_CACHE_ITEM_TOO_BIG
  [1, rc.SCARD_E_UNSUPPORTED_FEATURE], // ERROR_INVALID_FUNCTION: SCardControl with a code the reader lacks
  [6, rc.SCARD_E_INVALID_HANDLE], // ERROR_INVALID_HANDLE
  [8, rc.SCARD_E_NO_MEMORY], // ERROR_NOT_ENOUGH_MEMORY
  [14, rc.SCARD_E_NO_MEMORY], // ERROR_OUTOFMEMORY
  [21, rc.SCARD_E_NOT_READY], // ERROR_NOT_READY
  [31, rc.SCARD_F_COMM_ERROR], // ERROR_GEN_FAILURE: the reader driver failed
  [50, rc.SCARD_E_UNSUPPORTED_FEATURE], // ERROR_NOT_SUPPORTED: e.g. SCardGetAttrib of an attribute the reader lacks
  [87, rc.SCARD_E_INVALID_PARAMETER], // ERROR_INVALID_PARAMETER
  [109, rc.SCARD_E_SERVICE_STOPPED], // ERROR_BROKEN_PIPE: the Smart Card service went away
  [121, rc.SCARD_E_TIMEOUT], // ERROR_SEM_TIMEOUT
  [122, rc.SCARD_E_INSUFFICIENT_BUFFER], // ERROR_INSUFFICIENT_BUFFER
  [234, rc.SCARD_E_INSUFFICIENT_BUFFER], // ERROR_MORE_DATA
  [995, rc.SCARD_E_CANCELLED], // ERROR_OPERATION_ABORTED
  [1112, rc.SCARD_E_NO_SMARTCARD], // ERROR_NO_MEDIA_IN_DRIVE
  [1117, rc.SCARD_F_COMM_ERROR], // ERROR_IO_DEVICE
  [1167, rc.SCARD_E_READER_UNAVAILABLE], // ERROR_DEVICE_NOT_CONNECTED
  [1223, rc.SCARD_E_CANCELLED], // ERROR_CANCELLED
  [1722, rc.SCARD_E_NO_SERVICE], // RPC_S_SERVER_UNAVAILABLE
]);

/** The library's code for a winscard.dll code: the same number where Windows and pcsc-lite agree. */
export function libraryCodeFromWin32(code: number): number {
  const unsigned = code >>> 0;
  return WIN32_CODE_MAP.get(unsigned) ?? unsigned;
}

/**
 * winscard.dll's SCardStatus reports one state (0 unknown ... 6 specific), each implying the ones
 * before it; pcsc-lite reports bits. This is the pcsc-lite bit set for each Windows state.
 */
export const WIN32_CARD_STATES: readonly number[] = [
  SCARD_UNKNOWN,
  SCARD_ABSENT,
  SCARD_PRESENT,
  SCARD_PRESENT | SCARD_SWALLOWED,
  SCARD_PRESENT | SCARD_POWERED,
  SCARD_PRESENT | SCARD_POWERED | SCARD_NEGOTIABLE,
  SCARD_PRESENT | SCARD_POWERED | SCARD_SPECIFIC,
];

export function libraryCardStateFromWin32(state: number): number {
  return WIN32_CARD_STATES[state] ?? SCARD_UNKNOWN;
}

/** winscard.dll's SCARD_PROTOCOL_RAW; T=0 and T=1 have pcsc-lite's numbers. */
export const WIN32_SCARD_PROTOCOL_RAW = 0x00010000;

export function win32Protocols(protocols: number): number {
  const raw = protocols & SCARD_PROTOCOL_RAW ? WIN32_SCARD_PROTOCOL_RAW : 0;
  return ((protocols & ~SCARD_PROTOCOL_RAW) | raw) >>> 0;
}

export function libraryProtocolFromWin32(protocol: number): number {
  const raw = protocol & WIN32_SCARD_PROTOCOL_RAW ? SCARD_PROTOCOL_RAW : 0;
  return ((protocol & ~WIN32_SCARD_PROTOCOL_RAW) | raw) >>> 0;
}

const FILE_DEVICE_SMARTCARD = 0x31;
/** CTL_CODE's function field is 12 bits wide. */
const CONTROL_FUNCTION_LIMIT = 0x1000;
const PCSC_LITE_CONTROL_BASE = 0x42000000;

/**
 * Windows builds SCARD_CTL_CODE(c) as CTL_CODE(FILE_DEVICE_SMARTCARD, c, METHOD_BUFFERED,
 * FILE_ANY_ACCESS); pcsc-lite as 0x42000000 + c. A code in pcsc-lite's form is rebuilt; any other
 * code (one already in Windows' form, e.g. from a reader's feature list) is passed on unchanged.
 */
export function win32ControlCode(code: number): number {
  const fn = (code >>> 0) - PCSC_LITE_CONTROL_BASE;
  if (fn < 0 || fn >= CONTROL_FUNCTION_LIMIT) return code >>> 0;
  return ((FILE_DEVICE_SMARTCARD << 16) | (fn << 2)) >>> 0;
}
