import { onHostLibrary } from '../../../src/adapters/host-platform';
import { FULL_CAPABILITIES } from '../../../src/driver/pcsc-driver';

function onPlatform<T>(platform: NodeJS.Platform, run: () => T): T {
  const real = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', { value: platform });
  try {
    return run();
  } finally {
    if (real) Object.defineProperty(process, 'platform', real);
  }
}

describe('capabilities of an adapter over the system PC/SC library', () => {
  it('has no event counter on macOS, whose PCSC.framework does not count insertions', () => {
    expect(onPlatform('darwin', () => onHostLibrary(FULL_CAPABILITIES))).toEqual({ ...FULL_CAPABILITIES, eventCounter: false });
  });

  it.each(['linux', 'win32'] as const)('keeps the event counter on %s', (platform) => {
    expect(onPlatform(platform, () => onHostLibrary(FULL_CAPABILITIES)).eventCounter).toBe(true);
  });

  it('is what the pcsclite, smartcard and winscard adapters report when loaded on macOS', () => {
    const loaded = onPlatform('darwin', () => {
      let reported: boolean[] = [];
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports */
        reported = [
          (require('../../../src/adapters/pcsclite/native-pcsclite-driver') as typeof import('../../../src/adapters/pcsclite/native-pcsclite-driver'))
            .PCSCLITE_CAPABILITIES.eventCounter,
          (require('../../../src/adapters/smartcard/native-smartcard-driver') as typeof import('../../../src/adapters/smartcard/native-smartcard-driver'))
            .SMARTCARD_CAPABILITIES.eventCounter,
          (require('../../../src/adapters/winscard/winscard-driver') as typeof import('../../../src/adapters/winscard/winscard-driver')).CAPABILITIES
            .eventCounter,
        ];
      });
      return reported;
    });
    expect(loaded).toEqual([false, false, false]);
  });
});
