import { createRequire } from 'node:module';
import { selectDriver } from '../../../src/compose/select-driver';
import { classifyLoadFailure, loadBinding } from '../../../src/adapters/load-binding';
import { DRIVER_BINDINGS, type DriverBinding } from '../../../src/compose/driver-bindings';
import { DriverUnavailableError } from '../../../src/driver/driver-unavailable-error';
import type { PcscDriver } from '../../../src/driver/pcsc-driver';
import { resolveQuirkProfile } from '../../../src/quirks';

const nodeRequire = createRequire(__filename);

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** How Node reports a failed process.dlopen(): code ERR_DLOPEN_FAILED and the loader's text. */
function dlopenError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_DLOPEN_FAILED' });
}

describe('classifyLoadFailure', () => {
  it('tells a package that is not installed from one whose native part was not built', () => {
    const missingPackage = thrownBy(() => nodeRequire('smartcard-not-installed-here'));
    const asIfSmartcard = Object.assign(new Error((missingPackage as Error).message.replace('smartcard-not-installed-here', 'smartcard')), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(classifyLoadFailure('smartcard', asIfSmartcard).reason).toBe('not-installed');

    const missingAddon = thrownBy(() => nodeRequire('./no-such-build/Release/smartcard_napi.node'));
    const notBuilt = classifyLoadFailure('smartcard', missingAddon);
    expect(notBuilt.reason).toBe('not-built');
    expect(notBuilt.advice).toContain('npm approve-scripts smartcard');
    expect(classifyLoadFailure('pcsclite', new Error('Could not locate the bindings file. Tried:\n → /x/build/pcsclite.node')).reason).toBe('not-built');
  });

  it('recognises an addon built for another Node.js ABI', () => {
    const failure = classifyLoadFailure(
      'pcsclite',
      dlopenError(
        "The module '/app/node_modules/pcsclite/build/Release/pcsclite.node'\nwas compiled against a different Node.js version using\n" +
          'NODE_MODULE_VERSION 108. This version of Node.js requires\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing',
      ),
    );
    expect(failure.reason).toBe('abi-mismatch');
    expect(failure.advice).toContain('npm rebuild pcsclite');
    expect(failure.advice).toContain('@electron/rebuild');
  });

  it('recognises a missing system PC/SC library on Linux, macOS and Windows', () => {
    for (const message of [
      'libpcsclite.so.1: cannot open shared object file: No such file or directory',
      "dlopen(/app/smartcard_napi.node, 0x0001): Library not loaded: '/System/Library/Frameworks/PCSC.framework/PCSC'",
      'The specified module could not be found.\r\n\\\\?\\C:\\app\\smartcard_napi.node',
    ]) {
      expect(classifyLoadFailure('smartcard', dlopenError(message)).reason).toBe('system-library-missing');
    }
  });

  it('calls anything else a load failure and keeps the first line of its message', () => {
    const failure = classifyLoadFailure('pcsclite', new Error('something odd\nmore'));
    expect(failure).toMatchObject({ reason: 'load-failed', detail: 'something odd' });
  });
});

describe('loadBinding', () => {
  it('throws a DriverUnavailableError with the reason, the cause and the advice', () => {
    const cause = dlopenError('libpcsclite.so.1: cannot open shared object file: No such file or directory');
    const error = thrownBy(() =>
      loadBinding('pcsclite', () => {
        throw cause;
      }),
    );
    expect(error).toBeInstanceOf(DriverUnavailableError);
    expect(error).toMatchObject({ driverName: 'pcsclite', reason: 'system-library-missing', cause });
    expect((error as Error).message).toContain('apt-get install libpcsclite1 pcscd');
  });
});

describe("driver 'auto' when no binding loads", () => {
  it('names every driver it tried and why each failed', async () => {
    const unavailable = (name: 'pcsclite' | 'smartcard', message: string): DriverBinding => {
      const create = (): PcscDriver =>
        loadBinding(name, () => {
          throw dlopenError(message);
        });
      return { capabilities: DRIVER_BINDINGS[name].capabilities, probe: () => void create(), create };
    };
    const debian = resolveQuirkProfile('auto', { os: 'linux', release: '6.1.0' }, undefined);
    const refusing = (name: 'pcscd' | 'winscard', error: DriverUnavailableError): DriverBinding => ({
      capabilities: DRIVER_BINDINGS[name].capabilities,
      probe: () => Promise.reject(error),
      create: () => DRIVER_BINDINGS[name].create(),
    });
    const pcscdDown = refusing('pcscd', new DriverUnavailableError('pcscd', 'pcscd does not answer on /run/pcscd/pcscd.comm: ENOENT'));
    const noLibrary = refusing(
      'winscard',
      new DriverUnavailableError('winscard', 'libpcsclite.so.1: cannot open shared object file', { reason: 'system-library-missing' }),
    );
    const error = (await selectDriver('auto', debian, {
      pcscd: pcscdDown,
      winscard: noLibrary,
      smartcard: unavailable('smartcard', 'libpcsclite.so.1: cannot open shared object file'),
      pcsclite: unavailable('pcsclite', 'NODE_MODULE_VERSION 108 vs 115'),
    }).catch((thrown: unknown) => thrown)) as DriverUnavailableError;
    expect(error).toBeInstanceOf(DriverUnavailableError);
    expect(error.driverName).toBe('auto');
    expect(error.reason).toBe('several');
    expect(error.attempts.map((attempt) => [attempt.driverName, attempt.reason])).toEqual([
      ['pcscd', 'load-failed'],
      ['winscard', 'system-library-missing'],
      ['smartcard', 'system-library-missing'],
      ['pcsclite', 'abi-mismatch'],
    ]);
    expect(error.message).toContain('- pcsclite (abi-mismatch):');
    expect(error.message).toContain('- smartcard (system-library-missing):');
  });
});
