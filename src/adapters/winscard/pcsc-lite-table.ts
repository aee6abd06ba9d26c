import { POSIX_SYMBOLS, ioRequestFields, readerStateFields, identity, type Koffi, type WinscardTable, type WinscardTypes } from './platform-table';

/** pcsc-lite's MAX_ATR_SIZE, the length of rgbAtr in its SCARD_READERSTATE. */
const PCSC_LITE_ATR_LENGTH = 33;

/**
 * pcsc-lite (Linux and the BSDs): DWORD is `unsigned long` and LONG, SCARDCONTEXT and SCARDHANDLE
 * are `long`, so all of them are 8 bytes on 64-bit systems; structs use natural alignment.
 */
export const PCSC_LITE_TABLE: WinscardTable = {
  os: 'linux',
  defaultLibrary: 'libpcsclite.so.1',
  installHint: 'On Debian/Ubuntu: apt-get install libpcsclite1 pcscd; on Fedora: dnf install pcsc-lite-libs pcsc-lite.',
  convention: '',
  symbols: POSIX_SYMBOLS,
  readerStateAtrLength: PCSC_LITE_ATR_LENGTH,
  socketPerContext: true,
  types(koffi: Koffi): WinscardTypes {
    const dword = 'unsigned long';
    return {
      dword,
      long: 'long',
      handle: 'long',
      readerState: koffi.struct(readerStateFields(koffi, dword, PCSC_LITE_ATR_LENGTH)),
      ioRequest: koffi.struct(ioRequestFields(dword)),
    };
  },
  toPlatformControlCode: identity,
  toLibraryCode: identity,
  toLibraryCardState: identity,
  toPlatformProtocols: identity,
  toLibraryProtocol: identity,
};
