import { selectDriver } from '../../../src/compose/select-driver';
import type { DriverBinding, DriverBindings } from '../../../src/driver/driver-bindings';
import type { DriverCapabilities, DriverPlatform, PcscDriver } from '../../../src/driver/pcsc-driver';
import { resolveQuirkProfile, type QuirksOption } from '../../../src/quirks';

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

/** A binding that stands for a native one: the choice only reads its capabilities and builds it. */
function entry(make: () => PcscDriver, capabilities: Partial<DriverCapabilities> = {}): DriverBinding {
  return { capabilities: { ...BASE, ...capabilities }, probe: () => undefined, create: make };
}

function missing(name: string): () => PcscDriver {
  return () => {
    throw new Error(`${name} is not installed`);
  };
}

/** 'auto' does not try 'winscard' yet: building it fails the test. */
const NOT_IN_AUTO = entry(missing('winscard'), { status: true, reconnect: true, transactions: true });
/** Nor 'pcscd' yet. */
const PCSCD_NOT_IN_AUTO = entry(missing('pcscd'), { status: true, reconnect: true, transactions: true });

function candidates(platform: DriverPlatform, fallbackInstalled = true): DriverBindings {
  return {
    pcsclite: entry(() => binding('pcsclite', platform)),
    smartcard: entry(
      fallbackInstalled ? () => binding('smartcard', platform, { status: true, reconnect: true }) : missing('smartcard'),
      { status: true, reconnect: true },
    ),
    winscard: NOT_IN_AUTO, pcscd: PCSCD_NOT_IN_AUTO,
  };
}

/** selectDriver('auto') for a process on `platform` with the quirks option `quirks`. */
function auto(quirks: QuirksOption, bindings: DriverBindings, platform: DriverPlatform): PcscDriver {
  return selectDriver('auto', resolveQuirkProfile(quirks, platform, undefined), bindings);
}

describe("driver 'auto'", () => {
  const saved = process.env.RESILIENT_PCSC_QUIRKS;
  beforeEach(() => delete process.env.RESILIENT_PCSC_QUIRKS);
  afterAll(() => {
    if (saved !== undefined) process.env.RESILIENT_PCSC_QUIRKS = saved;
  });

  it('takes pcsclite where no missed-reset guard is needed', () => {
    expect(auto('auto', candidates(DEBIAN), DEBIAN).name).toBe('pcsclite');
    expect(auto('none', candidates(EL_CAPITAN), EL_CAPITAN).name).toBe('pcsclite');
  });

  it('takes the binding with SCardStatus where the guard is on (El Capitan, or forced)', () => {
    expect(auto('auto', candidates(EL_CAPITAN), EL_CAPITAN).name).toBe('smartcard');
    expect(auto({ missedResetGuard: true }, candidates(DEBIAN), DEBIAN).name).toBe('smartcard');
  });

  it('keeps pcsclite when the other binding is missing or gives the guard nothing better', () => {
    expect(auto('auto', candidates(EL_CAPITAN, false), EL_CAPITAN).name).toBe('pcsclite');
    const noBetter: DriverBindings = {
      pcsclite: entry(() => binding('pcsclite', EL_CAPITAN)),
      smartcard: entry(() => binding('smartcard', EL_CAPITAN)),
      winscard: NOT_IN_AUTO, pcscd: PCSCD_NOT_IN_AUTO,
    };
    expect(auto('auto', noBetter, EL_CAPITAN).name).toBe('pcsclite');
  });

  it('falls back to smartcard when pcsclite is missing, and reports pcsclite\'s error when both are', () => {
    const noPcsclite: DriverBindings = { pcsclite: entry(missing('pcsclite')), smartcard: entry(() => binding('smartcard', DEBIAN)), winscard: NOT_IN_AUTO, pcscd: PCSCD_NOT_IN_AUTO };
    expect(auto('auto', noPcsclite, DEBIAN).name).toBe('smartcard');
    const neither: DriverBindings = { pcsclite: entry(missing('pcsclite')), smartcard: entry(missing('smartcard')), winscard: NOT_IN_AUTO, pcscd: PCSCD_NOT_IN_AUTO };
    expect(() => auto('auto', neither, DEBIAN)).toThrow('pcsclite is not installed');
  });

  it('decides from the bindings\' declared capabilities, building only the driver it returns', () => {
    const built: string[] = [];
    const counted = (name: string, platform: DriverPlatform) => () => {
      built.push(name);
      return binding(name, platform);
    };
    const bindings: DriverBindings = {
      pcsclite: entry(counted('pcsclite', EL_CAPITAN)),
      smartcard: entry(counted('smartcard', EL_CAPITAN), { status: true }),
      winscard: NOT_IN_AUTO, pcscd: PCSCD_NOT_IN_AUTO,
    };
    expect(auto('auto', bindings, EL_CAPITAN).name).toBe('smartcard');
    expect(built).toEqual(['smartcard']);
  });
});
