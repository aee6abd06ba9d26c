import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DriverUnavailableError } from '../../../../src/driver/driver-unavailable-error';
import { koffiUnavailable } from '../../../../src/adapters/winscard/load-koffi';
import { realLibraryBeside } from '../../../../src/adapters/winscard/load-winscard';
import { WinscardDriver } from '../../../../src/adapters/winscard/winscard-driver';

describe('loading the winscard driver', () => {
  it('says koffi is not installed when the package is missing', () => {
    const missing = Object.assign(new Error("Cannot find module 'koffi'\nRequire stack: ..."), { code: 'MODULE_NOT_FOUND' });
    const error = koffiUnavailable(missing);
    expect(error).toBeInstanceOf(DriverUnavailableError);
    expect(error.driverName).toBe('winscard');
    expect(error.message).toMatch(/optional package "koffi", which is not installed: npm install koffi/);
  });

  it('says koffi’s native part failed when the package is there but its binary is not', () => {
    const error = koffiUnavailable(new Error('Cannot find the native Koffi module; did you bundle it correctly?'));
    expect(error.message).toMatch(/"koffi" is installed but could not load its native part .*Cannot find the native Koffi module/);
  });

  it('says the system library is missing when the named file cannot be opened', () => {
    let caught: unknown;
    try {
      new WinscardDriver({ library: '/nonexistent/libpcsclite.so.1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DriverUnavailableError);
    expect((caught as Error).message).toMatch(/The system PC\/SC library \/nonexistent\/libpcsclite\.so\.1 could not be loaded .*apt-get install libpcsclite1/);
  });

  it('says which call a library lacks', () => {
    let caught: unknown;
    try {
      new WinscardDriver({ library: 'libc.so.6' });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toMatch(/The PC\/SC library libc\.so\.6 has no usable SCardEstablishContext/);
  });
});

describe('realLibraryBeside', () => {
  const dir = mkdtempSync(join(tmpdir(), 'winscard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens pcsc-lite 2.x’s real library when its loader is named by path', () => {
    writeFileSync(join(dir, 'libpcsclite.so.1'), '');
    writeFileSync(join(dir, 'libpcsclite_real.so.1'), '');
    expect(realLibraryBeside(join(dir, 'libpcsclite.so.1'))).toBe(join(dir, 'libpcsclite_real.so.1'));
  });

  it('keeps a bare name (found through the search path) and a file without the real library beside it', () => {
    expect(realLibraryBeside('libpcsclite.so.1')).toBe('libpcsclite.so.1');
    expect(realLibraryBeside('/nonexistent/libpcsclite.so.1')).toBe('/nonexistent/libpcsclite.so.1');
    expect(realLibraryBeside(join(dir, 'libpcsclite_real.so.1'))).toBe(join(dir, 'libpcsclite_real.so.1'));
  });
});
