import type { LibraryHandle, TypeObject } from 'koffi';

/** The koffi module, loaded only when the driver is built. */
export type Koffi = typeof import('koffi');
/** A C function bound by koffi. */
export type KoffiFunction = ReturnType<LibraryHandle['func']>;
/** What koffi accepts as a type: a name, a type object or a direction marker. */
export type KoffiTypeSpec = Parameters<Koffi['inout']>[0];

/** The C types of one platform's PC/SC library, made by one koffi instance. */
export interface WinscardTypes {
  /** DWORD: the parameter type of flags, lengths, timeouts and codes. */
  readonly dword: string;
  /** LONG: every call's return code. */
  readonly long: string;
  /** SCARDCONTEXT and SCARDHANDLE. */
  readonly handle: string;
  readonly readerState: TypeObject;
  readonly ioRequest: TypeObject;
}

/** The exported names of the calls, which differ where a platform has A/W variants or renamed SCardControl. */
export interface WinscardSymbols {
  readonly establishContext: string;
  readonly releaseContext: string;
  readonly listReaders: string;
  readonly getStatusChange: string;
  readonly cancel: string;
  readonly connect: string;
  readonly reconnect: string;
  readonly disconnect: string;
  readonly status: string;
  readonly transmit: string;
  readonly control: string;
  readonly getAttrib: string;
  readonly setAttrib: string;
  readonly beginTransaction: string;
  readonly endTransaction: string;
}

/**
 * Everything that differs between the PC/SC libraries of Linux (pcsc-lite), macOS (PCSC.framework)
 * and Windows (winscard.dll). The rest of the driver speaks pcsc-lite's numbers; a table converts
 * codes, card states, protocols and control codes at the library's edge.
 */
export interface WinscardTable {
  readonly os: 'linux' | 'darwin' | 'win32';
  /** The library opened when no other file is named. */
  readonly defaultLibrary: string;
  /** What to install when the library cannot be opened. */
  readonly installHint: string;
  /** koffi calling convention for every call ('' for the platform default). */
  readonly convention: string;
  readonly symbols: WinscardSymbols;
  /** Length of SCARD_READERSTATE's rgbAtr. */
  readonly readerStateAtrLength: number;
  /**
   * Each context talks to the service over a socket of its own in this process (pcsc-lite), which
   * can be shut down to end a call that never returns. PCSC.framework and winscard.dll hide theirs.
   */
  readonly socketPerContext: boolean;
  types(koffi: Koffi): WinscardTypes;
  /** The platform's code for a control code built as pcsc-lite builds it (SCARD_CTL_CODE). */
  toPlatformControlCode(code: number): number;
  /** The library's SCARD_* code for a code the platform returned. */
  toLibraryCode(platformCode: number): number;
  /** SCardStatus's pdwState as pcsc-lite's bit set (SCARD_ABSENT, SCARD_PRESENT, ...). */
  toLibraryCardState(platformState: number): number;
  toPlatformProtocols(protocols: number): number;
  toLibraryProtocol(platformProtocol: number): number;
}

/** The call names pcsc-lite and PCSC.framework export. */
export const POSIX_SYMBOLS: WinscardSymbols = {
  establishContext: 'SCardEstablishContext',
  releaseContext: 'SCardReleaseContext',
  listReaders: 'SCardListReaders',
  getStatusChange: 'SCardGetStatusChange',
  cancel: 'SCardCancel',
  connect: 'SCardConnect',
  reconnect: 'SCardReconnect',
  disconnect: 'SCardDisconnect',
  status: 'SCardStatus',
  transmit: 'SCardTransmit',
  control: 'SCardControl',
  getAttrib: 'SCardGetAttrib',
  setAttrib: 'SCardSetAttrib',
  beginTransaction: 'SCardBeginTransaction',
  endTransaction: 'SCardEndTransaction',
};

export const identity = (value: number): number => value >>> 0;

/** SCARD_READERSTATE's fields, the same on every platform but for DWORD's width and rgbAtr's length. */
export function readerStateFields(koffi: Koffi, dword: string, atrLength: number): Record<string, KoffiTypeSpec> {
  return {
    szReader: 'const char *',
    pvUserData: 'void *',
    dwCurrentState: dword,
    dwEventState: dword,
    cbAtr: dword,
    rgbAtr: koffi.array('uint8_t', atrLength),
  };
}

/** SCARD_IO_REQUEST's fields. */
export function ioRequestFields(dword: string): Record<string, KoffiTypeSpec> {
  return { dwProtocol: dword, cbPciLength: dword };
}
