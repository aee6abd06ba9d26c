import type { LibraryHandle } from 'koffi';
import { DriverUnavailableError } from '../../driver/driver-unavailable-error';
import { messageOf } from '../error-message';
import type { Koffi, KoffiFunction, KoffiTypeSpec, WinscardSymbols, WinscardTable, WinscardTypes } from './platform-table';

/** The bound SCard* functions of one library file. */
export type WinscardFunctions = { readonly [call in keyof WinscardSymbols]: KoffiFunction };

export interface BoundLibrary {
  readonly koffi: Koffi;
  readonly table: WinscardTable;
  readonly types: WinscardTypes;
  readonly functions: WinscardFunctions;
  /** The file that was opened. */
  readonly file: string;
}

/** Every call's parameters, in the platform's types. */
function signatures(koffi: Koffi, t: WinscardTypes): { readonly [call in keyof WinscardSymbols]: readonly KoffiTypeSpec[] } {
  const outHandle = koffi.out(koffi.pointer(t.handle));
  const outDword = koffi.out(koffi.pointer(t.dword));
  const inoutDword = koffi.inout(koffi.pointer(t.dword));
  return {
    establishContext: [t.dword, 'void *', 'void *', outHandle],
    releaseContext: [t.handle],
    listReaders: [t.handle, 'void *', 'void *', inoutDword],
    getStatusChange: [t.handle, t.dword, koffi.inout(koffi.pointer(t.readerState)), t.dword],
    cancel: [t.handle],
    connect: [t.handle, 'const char *', t.dword, t.dword, outHandle, outDword],
    reconnect: [t.handle, t.dword, t.dword, t.dword, outDword],
    disconnect: [t.handle, t.dword],
    status: [t.handle, 'void *', inoutDword, outDword, outDword, 'void *', inoutDword],
    transmit: [t.handle, koffi.pointer(t.ioRequest), 'void *', t.dword, 'void *', 'void *', inoutDword],
    control: [t.handle, t.dword, 'void *', t.dword, 'void *', t.dword, outDword],
    getAttrib: [t.handle, t.dword, 'void *', inoutDword],
    setAttrib: [t.handle, t.dword, 'void *', t.dword],
    beginTransaction: [t.handle],
    endTransaction: [t.handle, t.dword],
  };
}

/** Opens the PC/SC library and binds every call, or throws DriverUnavailableError saying what is missing. */
export function bindLibrary(koffi: Koffi, table: WinscardTable, file: string): BoundLibrary {
  let library: LibraryHandle;
  try {
    library = koffi.load(file);
  } catch (cause) {
    throw new DriverUnavailableError(
      'winscard',
      `The system PC/SC library ${file} could not be loaded (${messageOf(cause).split('\n')[0]}). ${table.installHint}`,
      { cause },
    );
  }
  const types = table.types(koffi);
  const parameters = signatures(koffi, types);
  const bind = (call: keyof WinscardSymbols): KoffiFunction => {
    const name = table.symbols[call];
    try {
      return table.convention ? library.func(table.convention, name, types.long, [...parameters[call]]) : library.func(name, types.long, [...parameters[call]]);
    } catch (cause) {
      throw new DriverUnavailableError('winscard', `The PC/SC library ${file} has no usable ${name} (${messageOf(cause)}).`, { cause });
    }
  };
  const functions = Object.fromEntries(
    (Object.keys(table.symbols) as Array<keyof WinscardSymbols>).map((call) => [call, bind(call)]),
  ) as unknown as WinscardFunctions;
  return { koffi, table, types, functions, file };
}
