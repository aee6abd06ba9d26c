import * as rc from '../../driver/return-codes';
import { type CardStatusResult, type Outcome, type ReaderStateQuery, type ReaderStateResult, fail, succeed } from '../../driver/pcsc-driver';
import { SCARD_SCOPE_SYSTEM } from '../../driver/scard-constants';
import { fromClientLibrary, fromClientLibraryLink } from '../client-library-code';
import type { BoundLibrary } from './bind-library';
import type { KoffiFunction } from './platform-table';

/** SCARDCONTEXT or SCARDHANDLE as koffi hands it back: a number, or a bigint for a 64-bit value past 2^53. */
export type NativeHandle = number | bigint;

/** pcsc-lite's MAX_BUFFER_SIZE_EXTENDED: the largest control answer it passes on. */
const CONTROL_RESPONSE_MAX = 4 + 3 + (1 << 16) + 3 + 2;
/** Larger than any reader name pcsc-lite (128) or Windows allows in practice; a longer one is asked for by size. */
const READER_NAME_GUESS = 256;
/** The largest ATR any platform's headers allow (Windows: 36). */
const ATR_BUFFER = 36;
const RETRIES_ON_GROWTH = 3;
/** pcsc-lite's MAX_BUFFER_SIZE, the largest attribute it passes on. */
const ATTRIBUTE_GUESS = 264;

interface RawReaderState {
  szReader: string;
  pvUserData: null;
  dwCurrentState: number;
  dwEventState: number;
  cbAtr: number;
  rgbAtr: Uint8Array;
}

/**
 * The SCard* calls of one bound library as promises of pcsc-lite-numbered outcomes. Every call
 * runs on libuv's thread pool through koffi's async mode: a sync call would block the event loop
 * for the whole round trip to the service, and forever when the card is served from this process.
 */
export class NativeCalls {
  private readonly fn: BoundLibrary['functions'];

  constructor(private readonly lib: BoundLibrary) {
    this.fn = lib.functions;
  }

  async establishContext(): Promise<Outcome<NativeHandle>> {
    const context: NativeHandle[] = [0];
    const code = await this.call(this.fn.establishContext, SCARD_SCOPE_SYSTEM, null, null, context);
    return code === rc.SCARD_S_SUCCESS ? succeed(context[0] ?? 0) : fail(code);
  }

  releaseContext(context: NativeHandle): Promise<number> {
    return this.call(this.fn.releaseContext, context);
  }

  cancel(context: NativeHandle): Promise<number> {
    return this.call(this.fn.cancel, context);
  }

  /** SCardListReaders: asks for the size, then the names; again if a reader arrived in between. */
  async listReaders(context: NativeHandle): Promise<Outcome<readonly string[]>> {
    for (let attempt = 0; ; attempt++) {
      const size = [0];
      const sized = await this.call(this.fn.listReaders, context, null, null, size);
      if (!sizeKnown(sized)) return fail(sized);
      const names = Buffer.alloc(size[0] ?? 0);
      const length = [names.length];
      const code = await this.call(this.fn.listReaders, context, null, names, length);
      if (code === rc.SCARD_E_INSUFFICIENT_BUFFER && attempt < RETRIES_ON_GROWTH) continue;
      if (code !== rc.SCARD_S_SUCCESS) return fail(code);
      const readers = splitMultiString(names.subarray(0, length[0]));
      // An empty list is an error in every other driver (and in pcsc-lite itself).
      return readers.length > 0 ? succeed(readers) : fail(rc.SCARD_E_NO_READERS_AVAILABLE);
    }
  }

  async getStatusChange(context: NativeHandle, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const atrLength = this.lib.table.readerStateAtrLength;
    const states: RawReaderState[] = queries.map((query) => ({
      szReader: query.reader,
      pvUserData: null,
      dwCurrentState: query.currentState >>> 0,
      dwEventState: 0,
      cbAtr: 0,
      rgbAtr: new Uint8Array(atrLength),
    }));
    const code = await this.call(this.fn.getStatusChange, context, timeoutMs >>> 0, states, states.length);
    if (code !== rc.SCARD_S_SUCCESS) return fail(code);
    return succeed(
      states.map((state, index) => ({
        reader: queries[index]?.reader ?? state.szReader,
        currentState: queries[index]?.currentState ?? state.dwCurrentState,
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a 64-bit DWORD can arrive as a bigint
        eventState: Number(state.dwEventState) >>> 0,
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a 64-bit DWORD can arrive as a bigint
        atr: Uint8Array.from(state.rgbAtr.subarray(0, Math.min(Number(state.cbAtr), atrLength))),
      })),
    );
  }

  async connect(context: NativeHandle, reader: string, shareMode: number, protocols: number): Promise<Outcome<{ handle: NativeHandle; protocol: number }>> {
    const handle: NativeHandle[] = [0];
    const protocol = [0];
    const table = this.lib.table;
    const code = await this.call(this.fn.connect, context, reader, shareMode, table.toPlatformProtocols(protocols), handle, protocol);
    if (code !== rc.SCARD_S_SUCCESS) return fail(code);
    return succeed({ handle: handle[0] ?? 0, protocol: table.toLibraryProtocol(protocol[0] ?? 0) });
  }

  async reconnect(handle: NativeHandle, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    const protocol = [0];
    const table = this.lib.table;
    const code = await this.call(this.fn.reconnect, handle, shareMode, table.toPlatformProtocols(protocols), initialization, protocol);
    return code === rc.SCARD_S_SUCCESS ? succeed(table.toLibraryProtocol(protocol[0] ?? 0)) : fail(code);
  }

  disconnect(handle: NativeHandle, disposition: number): Promise<number> {
    return this.call(this.fn.disconnect, handle, disposition);
  }

  async status(handle: NativeHandle): Promise<Outcome<CardStatusResult>> {
    let nameSize = READER_NAME_GUESS;
    for (let attempt = 0; ; attempt++) {
      const name = Buffer.alloc(nameSize);
      const nameLength = [name.length];
      const state = [0];
      const protocol = [0];
      const atr = Buffer.alloc(ATR_BUFFER);
      const atrLength = [atr.length];
      const code = await this.call(this.fn.status, handle, name, nameLength, state, protocol, atr, atrLength);
      if (code === rc.SCARD_E_INSUFFICIENT_BUFFER && attempt < RETRIES_ON_GROWTH) {
        const sized = [0];
        const asked = await this.call(this.fn.status, handle, null, sized, [0], [0], null, [0]);
        if (!sizeKnown(asked)) return fail(asked);
        nameSize = Math.max(sized[0] ?? 0, nameSize + 1);
        continue;
      }
      if (code !== rc.SCARD_S_SUCCESS) return fail(code);
      const table = this.lib.table;
      return succeed({
        reader: splitMultiString(name.subarray(0, nameLength[0]))[0] ?? '',
        state: table.toLibraryCardState(state[0] ?? 0),
        protocol: table.toLibraryProtocol(protocol[0] ?? 0),
        atr: Uint8Array.from(atr.subarray(0, Math.min(atrLength[0] ?? 0, atr.length))),
      });
    }
  }

  async transmit(handle: NativeHandle, protocol: number, command: Uint8Array, receiveLength: number): Promise<Outcome<Uint8Array>> {
    const table = this.lib.table;
    const sendPci = { dwProtocol: table.toPlatformProtocols(protocol), cbPciLength: this.lib.koffi.sizeof(this.lib.types.ioRequest) };
    const response = Buffer.alloc(receiveLength);
    const length = [receiveLength];
    const code = await this.call(this.fn.transmit, handle, sendPci, command, command.length, null, response, length);
    if (code !== rc.SCARD_S_SUCCESS) return fail(code);
    return succeed(response.subarray(0, length[0]));
  }

  async control(handle: NativeHandle, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    const response = Buffer.alloc(CONTROL_RESPONSE_MAX);
    const returned = [0];
    const code = await this.call(
      this.fn.control,
      handle,
      this.lib.table.toPlatformControlCode(controlCode),
      data,
      data.length,
      response,
      response.length,
      returned,
    );
    if (code !== rc.SCARD_S_SUCCESS) return fail(code);
    return succeed(Uint8Array.from(response.subarray(0, returned[0])));
  }

  /**
   * SCardGetAttrib into a buffer of pcsc-lite's largest attribute; asked for the size only when that
   * is too small. A reader driver may refuse a buffer of exactly the size (vpcd does for the
   * friendly name, which pcscd then answers itself), so the size is not asked first.
   */
  async getAttribute(handle: NativeHandle, id: number): Promise<Outcome<Uint8Array>> {
    let capacity = ATTRIBUTE_GUESS;
    for (let attempt = 0; ; attempt++) {
      const value = Buffer.alloc(capacity);
      const length = [value.length];
      const code = await this.call(this.fn.getAttrib, handle, id, value, length);
      if (code === rc.SCARD_S_SUCCESS) return succeed(Uint8Array.from(value.subarray(0, length[0])));
      if (code !== rc.SCARD_E_INSUFFICIENT_BUFFER || attempt >= RETRIES_ON_GROWTH) return fail(code);
      const size = [0];
      const sized = await this.call(this.fn.getAttrib, handle, id, null, size);
      if (!sizeKnown(sized)) return fail(sized);
      capacity = Math.max(size[0] ?? 0, capacity * 2);
    }
  }

  setAttribute(handle: NativeHandle, id: number, value: Uint8Array): Promise<number> {
    return this.call(this.fn.setAttrib, handle, id, value, value.length);
  }

  beginTransaction(handle: NativeHandle): Promise<number> {
    return this.call(this.fn.beginTransaction, handle);
  }

  endTransaction(handle: NativeHandle, disposition: number): Promise<number> {
    return this.call(this.fn.endTransaction, handle, disposition);
  }

  /**
   * The code in pcsc-lite's numbering, a broken link as SCARD_E_NO_SERVICE. With libpcsclite a reset
   * link also shows as SCARD_W_SECURITY_VIOLATION (see fromClientLibraryLink), except where pcscd
   * may answer that code itself; the other platforms' libraries mean an access refusal by it.
   */
  private libraryCode(fn: KoffiFunction, code: number): number {
    const pcscLite = this.lib.table.os === 'linux';
    return pcscLite && fn !== this.fn.establishContext && fn !== this.fn.connect ? fromClientLibraryLink(code) : fromClientLibrary(code);
  }

  /** One call on the thread pool; its return code in the library's numbering (a broken link to the service is SCARD_E_NO_SERVICE). */
  private call(fn: KoffiFunction, ...args: unknown[]): Promise<number> {
    return new Promise((resolve) => {
      try {
        fn.async(...args, (error: unknown, result: number | bigint) => {
          resolve(error ? rc.SCARD_F_INTERNAL_ERROR : this.libraryCode(fn, this.lib.table.toLibraryCode(Number(result))));
        });
      } catch {
        // koffi refused the arguments (e.g. a reader name it cannot encode) before any call was made.
        resolve(rc.SCARD_E_INVALID_PARAMETER);
      }
    });
  }
}

/**
 * Whether a call made with a NULL buffer told the size. pcsc-lite answers SCardGetAttrib's size query
 * with SCARD_E_INSUFFICIENT_BUFFER (and the size) rather than success; others answer success.
 */
function sizeKnown(code: number): boolean {
  return code === rc.SCARD_S_SUCCESS || code === rc.SCARD_E_INSUFFICIENT_BUFFER;
}

/** The strings of a NUL-separated, double-NUL-ended list. */
function splitMultiString(bytes: Uint8Array): string[] {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .split('\0')
    .filter((name) => name.length > 0);
}
