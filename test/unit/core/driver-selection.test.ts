import { selectDriver, type AutoCandidates } from '../../../src/core/driver-selection';
import type { DriverCapabilities, DriverPlatform, PcscDriver } from '../../../src/driver/pcsc-driver';

const BASE: DriverCapabilities = {
  status: false,
  reconnect: false,
  transactions: false,
  control: true,
  cancel: true,
  pnpNotification: true,
  eventCounter: true,
  multipleHandlesPerReader: true,
};

/** Stands for a native binding: only its name, platform and capabilities matter to the choice. */
function binding(name: string, platform: DriverPlatform, capabilities: Partial<DriverCapabilities> = {}): PcscDriver {
  return { name, platform, capabilities: { ...BASE, ...capabilities } } as unknown as PcscDriver;
}

const EL_CAPITAN: DriverPlatform = { os: 'darwin', release: '15.6.0' };
const DEBIAN: DriverPlatform = { os: 'linux', release: '6.1.0' };

function candidates(platform: DriverPlatform, fallbackInstalled = true): AutoCandidates {
  return {
    preferred: () => binding('pcsclite', platform),
    fallback: () => {
      if (!fallbackInstalled) throw new Error('smartcard is not installed');
      return binding('smartcard', platform, { status: true, reconnect: true });
    },
  };
}

describe("driver 'auto'", () => {
  const saved = process.env.RESILIENT_PCSC_QUIRKS;
  beforeEach(() => delete process.env.RESILIENT_PCSC_QUIRKS);
  afterAll(() => {
    if (saved !== undefined) process.env.RESILIENT_PCSC_QUIRKS = saved;
  });

  it('takes pcsclite where no missed-reset guard is needed', () => {
    expect(selectDriver('auto', 'auto', candidates(DEBIAN)).name).toBe('pcsclite');
    expect(selectDriver('auto', 'none', candidates(EL_CAPITAN)).name).toBe('pcsclite');
  });

  it('takes the binding with SCardStatus where the guard is on (El Capitan, or forced)', () => {
    expect(selectDriver('auto', 'auto', candidates(EL_CAPITAN)).name).toBe('smartcard');
    expect(selectDriver('auto', { missedResetGuard: true }, candidates(DEBIAN)).name).toBe('smartcard');
  });

  it('keeps pcsclite when the other binding is missing or gives the guard nothing better', () => {
    expect(selectDriver('auto', 'auto', candidates(EL_CAPITAN, false)).name).toBe('pcsclite');
    const noBetter: AutoCandidates = { preferred: () => binding('pcsclite', EL_CAPITAN), fallback: () => binding('smartcard', EL_CAPITAN) };
    expect(selectDriver('auto', 'auto', noBetter).name).toBe('pcsclite');
  });

  it('falls back to smartcard when pcsclite is missing, and reports pcsclite\'s error when both are', () => {
    const noPcsclite: AutoCandidates = {
      preferred: () => {
        throw new Error('pcsclite is not installed');
      },
      fallback: () => binding('smartcard', DEBIAN),
    };
    expect(selectDriver('auto', 'auto', noPcsclite).name).toBe('smartcard');
    const neither: AutoCandidates = {
      preferred: noPcsclite.preferred,
      fallback: () => {
        throw new Error('smartcard is not installed');
      },
    };
    expect(() => selectDriver('auto', 'auto', neither)).toThrow('pcsclite is not installed');
  });
});
