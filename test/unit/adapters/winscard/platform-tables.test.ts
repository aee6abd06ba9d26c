/**
 * The type tables of the three PC/SC libraries, checked against the sizes and offsets their headers
 * give (pcsc-lite's pcsclite.h, PCSC.framework's pcsclite.h under #pragma pack(1), Windows'
 * winscard.h on x64). A wrong width corrupts memory silently, so every field is pinned here; only
 * the Linux table can also be exercised against a real library on this machine.
 */
import * as koffi from 'koffi';
import { DARWIN_TABLE } from '../../../../src/adapters/winscard/darwin-table';
import { PCSC_LITE_TABLE } from '../../../../src/adapters/winscard/pcsc-lite-table';
import type { WinscardTable } from '../../../../src/adapters/winscard/platform-table';
import { tableForPlatform } from '../../../../src/adapters/winscard/table-for-platform';
import { WIN32_TABLE } from '../../../../src/adapters/winscard/win32-table';

interface Layout {
  readonly dword: number;
  readonly long: number;
  readonly handle: number;
  readonly readerState: { readonly size: number; readonly offsets: Readonly<Record<string, number>>; readonly atrLength: number };
  readonly ioRequest: { readonly size: number; readonly offsets: Readonly<Record<string, number>> };
}

const LAYOUTS: ReadonlyArray<readonly [string, WinscardTable, Layout]> = [
  [
    'Linux pcsc-lite (LP64)',
    PCSC_LITE_TABLE,
    {
      dword: 8,
      long: 8,
      handle: 8,
      readerState: {
        size: 80,
        atrLength: 33,
        offsets: { szReader: 0, pvUserData: 8, dwCurrentState: 16, dwEventState: 24, cbAtr: 32, rgbAtr: 40 },
      },
      ioRequest: { size: 16, offsets: { dwProtocol: 0, cbPciLength: 8 } },
    },
  ],
  [
    'macOS PCSC.framework',
    DARWIN_TABLE,
    {
      dword: 4,
      long: 4,
      handle: 4,
      readerState: {
        size: 61,
        atrLength: 33,
        offsets: { szReader: 0, pvUserData: 8, dwCurrentState: 16, dwEventState: 20, cbAtr: 24, rgbAtr: 28 },
      },
      ioRequest: { size: 8, offsets: { dwProtocol: 0, cbPciLength: 4 } },
    },
  ],
  [
    'Windows winscard.dll (x64)',
    WIN32_TABLE,
    {
      dword: 4,
      long: 4,
      handle: 8,
      readerState: {
        size: 64,
        atrLength: 36,
        offsets: { szReader: 0, pvUserData: 8, dwCurrentState: 16, dwEventState: 20, cbAtr: 24, rgbAtr: 28 },
      },
      ioRequest: { size: 8, offsets: { dwProtocol: 0, cbPciLength: 4 } },
    },
  ],
];

describe.each(LAYOUTS)('%s type table', (_platform, table, layout) => {
  const types = table.types(koffi);

  it('gives DWORD, LONG and SCARDCONTEXT/SCARDHANDLE their widths', () => {
    expect([koffi.sizeof(types.dword), koffi.sizeof(types.long), koffi.sizeof(types.handle)]).toEqual([layout.dword, layout.long, layout.handle]);
  });

  it('lays SCARD_READERSTATE out as the headers do', () => {
    expect(koffi.sizeof(types.readerState)).toBe(layout.readerState.size);
    for (const [field, offset] of Object.entries(layout.readerState.offsets)) {
      expect([field, koffi.offsetof(types.readerState, field)]).toEqual([field, offset]);
    }
    expect(table.readerStateAtrLength).toBe(layout.readerState.atrLength);
    expect(koffi.sizeof(types.readerState) - layout.readerState.offsets.rgbAtr!).toBeGreaterThanOrEqual(layout.readerState.atrLength);
  });

  it('lays SCARD_IO_REQUEST out as the headers do', () => {
    expect(koffi.sizeof(types.ioRequest)).toBe(layout.ioRequest.size);
    for (const [field, offset] of Object.entries(layout.ioRequest.offsets)) {
      expect([field, koffi.offsetof(types.ioRequest, field)]).toEqual([field, offset]);
    }
  });
});

describe('symbol names', () => {
  it('pcsc-lite exports the plain names', () => {
    expect(Object.values(PCSC_LITE_TABLE.symbols)).toEqual([
      'SCardEstablishContext',
      'SCardReleaseContext',
      'SCardListReaders',
      'SCardGetStatusChange',
      'SCardCancel',
      'SCardConnect',
      'SCardReconnect',
      'SCardDisconnect',
      'SCardStatus',
      'SCardTransmit',
      'SCardControl',
      'SCardGetAttrib',
      'SCardSetAttrib',
      'SCardBeginTransaction',
      'SCardEndTransaction',
    ]);
    expect(PCSC_LITE_TABLE.convention).toBe('');
  });

  it('PCSC.framework is called through SCardControl132, its other names are pcsc-lite’s', () => {
    expect(DARWIN_TABLE.symbols).toEqual({ ...PCSC_LITE_TABLE.symbols, control: 'SCardControl132' });
    expect(DARWIN_TABLE.defaultLibrary).toBe('/System/Library/Frameworks/PCSC.framework/PCSC');
  });

  it('winscard.dll is called through the A entry points of every call that takes or returns a string, as WINAPI', () => {
    expect(WIN32_TABLE.symbols).toEqual({
      ...PCSC_LITE_TABLE.symbols,
      listReaders: 'SCardListReadersA',
      getStatusChange: 'SCardGetStatusChangeA',
      connect: 'SCardConnectA',
      status: 'SCardStatusA',
    });
    expect(WIN32_TABLE.convention).toBe('__stdcall');
    expect(WIN32_TABLE.defaultLibrary).toBe('winscard.dll');
  });
});

describe('tableForPlatform', () => {
  it.each([
    ['linux', 'linux'],
    ['darwin', 'darwin'],
    ['win32', 'win32'],
    ['freebsd', 'linux'],
  ] as const)('%s uses the %s table', (platform, os) => {
    expect(tableForPlatform(platform).os).toBe(os);
  });
});

describe('ending a call that never returns', () => {
  it('only pcsc-lite gives each context a socket of its own in the process, which can be shut down', () => {
    expect([PCSC_LITE_TABLE.socketPerContext, DARWIN_TABLE.socketPerContext, WIN32_TABLE.socketPerContext]).toEqual([true, false, false]);
  });
});
