import { POSIX_SYMBOLS, ioRequestFields, readerStateFields, type Koffi, type WinscardTable, type WinscardTypes } from './platform-table';
import { libraryCardStateFromWin32, libraryCodeFromWin32, libraryProtocolFromWin32, win32ControlCode, win32Protocols } from './win32-codes';

/** winscard.h's rgbAtr length in SCARD_READERSTATEA. */
const WIN32_ATR_LENGTH = 36;

/**
 * Windows winscard.dll: DWORD and LONG are 32-bit, SCARDCONTEXT and SCARDHANDLE are ULONG_PTR
 * (pointer-sized), structs use natural alignment, calls are WINAPI (__stdcall on 32-bit x86), and
 * the calls that take or return strings exist as …A (ANSI) and …W (UTF-16): this table binds …A.
 */
export const WIN32_TABLE: WinscardTable = {
  os: 'win32',
  defaultLibrary: 'winscard.dll',
  installHint: 'winscard.dll ships with Windows; check that the Smart Card service (SCardSvr) is enabled.',
  convention: '__stdcall',
  symbols: {
    ...POSIX_SYMBOLS,
    listReaders: 'SCardListReadersA',
    getStatusChange: 'SCardGetStatusChangeA',
    connect: 'SCardConnectA',
    status: 'SCardStatusA',
  },
  readerStateAtrLength: WIN32_ATR_LENGTH,
  socketPerContext: false,
  types(koffi: Koffi): WinscardTypes {
    const dword = 'uint32_t';
    return {
      dword,
      long: 'int32_t',
      handle: 'uintptr_t',
      readerState: koffi.struct(readerStateFields(koffi, dword, WIN32_ATR_LENGTH)),
      ioRequest: koffi.struct(ioRequestFields(dword)),
    };
  },
  toPlatformControlCode: win32ControlCode,
  toLibraryCode: libraryCodeFromWin32,
  toLibraryCardState: libraryCardStateFromWin32,
  toPlatformProtocols: win32Protocols,
  toLibraryProtocol: libraryProtocolFromWin32,
};
