import { POSIX_SYMBOLS, ioRequestFields, readerStateFields, identity, type Koffi, type WinscardTable, type WinscardTypes } from './platform-table';

/** PCSC.framework's MAX_ATR_SIZE. */
const DARWIN_ATR_LENGTH = 33;

/**
 * macOS PCSC.framework: DWORD and LONG are 32-bit (uint32_t / int32_t) even on 64-bit Macs,
 * SCARDCONTEXT and SCARDHANDLE are int32, and its headers wrap the structs in `#pragma pack(1)`.
 * The modern SCardControl (with separate in and out buffers) is exported as `SCardControl132`;
 * `SCardControl` there is pcsc-lite 1.2's older signature. Codes, states and protocols are pcsc-lite's.
 */
export const DARWIN_TABLE: WinscardTable = {
  os: 'darwin',
  defaultLibrary: '/System/Library/Frameworks/PCSC.framework/PCSC',
  installHint: 'PCSC.framework ships with macOS; check that the file exists and that this process may load it.',
  convention: '',
  symbols: { ...POSIX_SYMBOLS, control: 'SCardControl132' },
  readerStateAtrLength: DARWIN_ATR_LENGTH,
  socketPerContext: false,
  types(koffi: Koffi): WinscardTypes {
    const dword = 'uint32_t';
    return {
      dword,
      long: 'int32_t',
      handle: 'int32_t',
      readerState: koffi.pack(readerStateFields(koffi, dword, DARWIN_ATR_LENGTH)),
      ioRequest: koffi.pack(ioRequestFields(dword)),
    };
  },
  toPlatformControlCode: identity,
  toLibraryCode: identity,
  toLibraryCardState: identity,
  toPlatformProtocols: identity,
  toLibraryProtocol: identity,
};
