import { explainDriverChoice, selectDriver } from '../../../src/compose/select-driver';
import type { DriverBinding, DriverBindings } from '../../../src/compose/driver-bindings';
import { FULL_CAPABILITIES, type DriverCapabilities, type DriverPlatform, type PcscDriver } from '../../../src/driver/pcsc-driver';
import { resolveQuirkProfile, type QuirksOption } from '../../../src/quirks';

const BASE: DriverCapabilities = { ...FULL_CAPABILITIES, status: false, reconnect: false, transactions: false };

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

const FULL = { status: true, reconnect: true, transactions: true } as const;

/** A binding whose probe fails the way a daemon that does not answer makes 'pcscd' fail. */
function notAnswering(name: string): DriverBinding {
  return {
    capabilities: { ...BASE, ...FULL },
    probe: () => Promise.reject(new Error(`${name}: nothing answers on the socket`)),
    create: missing(name),
  };
}

interface Installed {
  readonly pcscd?: boolean;
  readonly winscard?: boolean;
  readonly smartcard?: boolean;
  readonly pcsclite?: boolean;
}

/** Every binding, each installed (or answering) unless `installed` says otherwise. */
function candidates(platform: DriverPlatform, installed: Installed = {}): DriverBindings {
  const make = (name: keyof Installed, capabilities: Partial<DriverCapabilities>): DriverBinding =>
    installed[name] === false ? entry(missing(name), capabilities) : entry(() => binding(name, platform, capabilities), capabilities);
  return {
    pcscd: installed.pcscd === false ? notAnswering('pcscd') : make('pcscd', FULL),
    winscard: make('winscard', FULL),
    smartcard: make('smartcard', { status: true, reconnect: true }),
    pcsclite: make('pcsclite', {}),
  };
}

/** selectDriver('auto') for a process on `platform` with the quirks option `quirks`. */
function auto(quirks: QuirksOption, bindings: DriverBindings, platform: DriverPlatform): Promise<PcscDriver> {
  return selectDriver('auto', resolveQuirkProfile(quirks, platform, undefined), bindings);
}

const name = async (driver: Promise<PcscDriver>): Promise<string> => (await driver).name;

describe("driver 'auto'", () => {
  const saved = process.env.RESILIENT_PCSC_QUIRKS;
  beforeEach(() => delete process.env.RESILIENT_PCSC_QUIRKS);
  afterAll(() => {
    if (saved !== undefined) process.env.RESILIENT_PCSC_QUIRKS = saved;
  });

  it('on Linux takes pcscd where the daemon answers, then winscard, smartcard, pcsclite', async () => {
    expect(await name(auto('auto', candidates(DEBIAN), DEBIAN))).toBe('pcscd');
    expect(await name(auto('auto', candidates(DEBIAN, { pcscd: false }), DEBIAN))).toBe('winscard');
    expect(await name(auto('auto', candidates(DEBIAN, { pcscd: false, winscard: false }), DEBIAN))).toBe('smartcard');
    expect(await name(auto('auto', candidates(DEBIAN, { pcscd: false, winscard: false, smartcard: false }), DEBIAN))).toBe('pcsclite');
  });

  it('on macOS takes winscard first, and never pcscd', async () => {
    expect(await name(auto('auto', candidates(EL_CAPITAN), EL_CAPITAN))).toBe('winscard');
    expect(await name(auto('none', candidates(EL_CAPITAN, { winscard: false }), EL_CAPITAN))).toBe('smartcard');
  });

  it('takes the binding with SCardStatus where the guard is on (El Capitan, or forced)', async () => {
    const nativeOnly: DriverBindings = {
      ...candidates(EL_CAPITAN, { winscard: false }),
      smartcard: entry(() => binding('smartcard', EL_CAPITAN, { status: true }), { status: true }),
      pcsclite: entry(() => binding('pcsclite', EL_CAPITAN)),
    };
    const swapped: DriverBindings = { ...nativeOnly };
    expect(await name(auto('auto', swapped, EL_CAPITAN))).toBe('smartcard');
    const linuxNative = candidates(DEBIAN, { pcscd: false, winscard: false });
    expect(await name(auto({ missedResetGuard: true }, linuxNative, DEBIAN))).toBe('smartcard');
  });

  it('keeps pcsclite when nothing better for the guard is installed', async () => {
    expect(await name(auto('auto', candidates(EL_CAPITAN, { winscard: false, smartcard: false }), EL_CAPITAN))).toBe('pcsclite');
  });

  it("reports the platform's first choice's failure when none works and the failures are not typed", async () => {
    const none = candidates(DEBIAN, { pcscd: false, winscard: false, smartcard: false, pcsclite: false });
    await expect(auto('auto', none, DEBIAN)).rejects.toThrow('pcscd: nothing answers on the socket');
  });

  it('builds only the driver it returns, and builds a named driver without asking the daemon', async () => {
    const built: string[] = [];
    const counted = (driverName: string, platform: DriverPlatform) => () => {
      built.push(driverName);
      return binding(driverName, platform);
    };
    const bindings: DriverBindings = {
      pcscd: notAnswering('pcscd'),
      winscard: entry(counted('winscard', DEBIAN), FULL),
      smartcard: entry(counted('smartcard', DEBIAN), { status: true }),
      pcsclite: entry(counted('pcsclite', DEBIAN)),
    };
    expect(await name(auto('auto', bindings, DEBIAN))).toBe('winscard');
    expect(built).toEqual(['winscard']);
    const answeringLater = { ...bindings, pcscd: { ...notAnswering('pcscd'), create: counted('pcscd', DEBIAN) } };
    expect(await name(selectDriver('pcscd', resolveQuirkProfile('auto', DEBIAN, undefined), answeringLater))).toBe('pcscd');
  });
});

describe('explainDriverChoice (doctor)', () => {
  const profile = (platform: DriverPlatform, quirks: QuirksOption = 'auto') => resolveQuirkProfile(quirks, platform, undefined);

  it("lists every driver 'auto' tried in order, why each failed, the one chosen, and the rest as not tried", async () => {
    const built: string[] = [];
    const bindings: DriverBindings = {
      ...candidates(DEBIAN),
      pcscd: notAnswering('pcscd'),
      winscard: { ...entry(() => binding('winscard', DEBIAN), FULL), create: () => (built.push('winscard'), binding('winscard', DEBIAN)) },
    };
    expect(await explainDriverChoice('auto', profile(DEBIAN), bindings)).toEqual([
      { name: 'pcscd', outcome: 'unavailable', reason: 'pcscd: nothing answers on the socket' },
      { name: 'winscard', outcome: 'chosen', reason: "the first that works here in the 'auto' order on linux: pcscd, winscard, smartcard, pcsclite" },
      { name: 'smartcard', outcome: 'not tried', reason: "'winscard' comes before it" },
      { name: 'pcsclite', outcome: 'not tried', reason: "'winscard' comes before it" },
    ]);
    expect(built).toEqual([]);
  });

  it('chooses what selectDriver chooses, and says when the guard reordered the platform order', async () => {
    // A 'pcscd' without SCardStatus gives the guard a weaker signal than the drivers after it.
    const weakPcscd: DriverBinding = { ...notAnswering('pcscd'), capabilities: BASE };
    const bindings: DriverBindings = { ...candidates(DEBIAN), pcscd: weakPcscd, winscard: notAnswering('winscard') };
    const trials = await explainDriverChoice('auto', profile(DEBIAN, { missedResetGuard: true }), bindings);
    expect(trials.map((trial) => trial.name)).toEqual(['winscard', 'smartcard', 'pcscd', 'pcsclite']);
    const chosen = trials.find((trial) => trial.outcome === 'chosen');
    expect(chosen?.name).toBe(await name(auto({ missedResetGuard: true }, bindings, DEBIAN)));
    expect(chosen?.reason).toBe(
      "the first that works here in the 'auto' order on linux, reordered for the missed-reset guard: winscard, smartcard, pcscd, pcsclite",
    );
  });

  it('has none chosen when no probe passes', async () => {
    const none: DriverBindings = {
      pcscd: notAnswering('pcscd'),
      winscard: notAnswering('winscard'),
      smartcard: notAnswering('smartcard'),
      pcsclite: notAnswering('pcsclite'),
    };
    const trials = await explainDriverChoice('auto', profile(DEBIAN), none);
    expect(trials.map((trial) => trial.outcome)).toEqual(['unavailable', 'unavailable', 'unavailable', 'unavailable']);
  });

  it('takes a name chosen explicitly as is, without probing it', async () => {
    expect(await explainDriverChoice('pcscd', profile(DEBIAN), { ...candidates(DEBIAN), pcscd: notAnswering('pcscd') })).toEqual([
      { name: 'pcscd', outcome: 'chosen', reason: 'named explicitly; used without probing' },
    ]);
  });
});
