import { PCSCD_CAPABILITIES, PCSCLITE_CAPABILITIES, SMARTCARD_CAPABILITIES, WINSCARD_CAPABILITIES } from '../adapters/binding-capabilities';
import { DriverUnavailableError } from '../driver/driver-unavailable-error';
import { combineDriverFailures } from '../driver/driver-unavailable-error';
import type { DriverCapabilities, DriverPlatform, PcscDriver } from '../driver/pcsc-driver';
import { DRIVER_NAMES, isDriverName, type DriverName } from '../adapters/driver-name';

/** What an application may tell a binding about the driver it builds. */
export interface DriverSettings {
  /** For 'pcscd': the unix socket pcscd serves (default PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm). Other bindings take no socket. */
  readonly socketPath?: string;
}

// Each adapter (and the addon or koffi under it) is loaded on the first probe or create that names
// it, so importing the library costs none of them.

/** A driver an application can ask for by name. */
export interface DriverBinding {
  /** What the driver will report as `capabilities`, known without building it. */
  readonly capabilities: DriverCapabilities;
  /**
   * Rejects (or throws) DriverUnavailableError when the binding cannot work here; builds nothing.
   * 'pcscd' asks the daemon which protocol it speaks; the others only load their library.
   */
  readonly probe: () => void | Promise<void>;
  /** Builds the driver (throws or rejects with DriverUnavailableError like `probe`); may load its adapter first. Only 'pcscd' reads `settings`. */
  readonly create: (settings?: DriverSettings) => PcscDriver | Promise<PcscDriver>;
}

export type { DriverName };

/**
 * Every driver that has a name; a new adapter joins with its name in DriverName, one entry here
 * and one in AUTO_ORDER.
 */
export const DRIVER_BINDINGS: DriverBindings = {
  // pcscd's socket protocol needs no addon; whether the daemon answers is known only by asking it
  // (pcscdAnswers), and a daemon that is down is the service being lost, not a missing driver.
  pcscd: {
    capabilities: PCSCD_CAPABILITIES,
    probe: probePcscd,
    create: async (settings) => new (await import('../adapters/pcscd/pcscd-driver')).PcscdDriver(settings),
  },
  pcsclite: {
    capabilities: PCSCLITE_CAPABILITIES,
    probe: async () => void (await import('../adapters/pcsclite/load-addon')).loadPcscliteAddon(),
    create: async () => new (await import('../adapters/pcsclite/pcsclite-driver')).PcscliteDriver(),
  },
  smartcard: {
    capabilities: SMARTCARD_CAPABILITIES,
    probe: async () => void (await import('../adapters/smartcard/load-addon')).loadSmartcardAddon(),
    create: async () => new (await import('../adapters/smartcard/smartcard-driver')).SmartcardDriver(),
  },
  winscard: {
    capabilities: WINSCARD_CAPABILITIES,
    probe: async () => void (await import('../adapters/winscard/load-winscard')).loadWinscard(),
    create: async () => new (await import('../adapters/winscard/winscard-driver')).WinscardDriver(),
  },
};

/** 'pcscd' works where a daemon answers on the socket in a protocol version the driver speaks. */
async function probePcscd(): Promise<void> {
  if (process.platform === 'win32') {
    throw new DriverUnavailableError('pcscd', "Driver 'pcscd' speaks pcsc-lite's socket protocol, which Windows does not have; use 'winscard'.");
  }
  const { pcscdAnswers } = await import('../adapters/pcscd/pcscd-answers');
  const answer = await pcscdAnswers();
  if ('reason' in answer) throw new DriverUnavailableError('pcscd', `pcscd does not answer on ${answer.socketPath}: ${answer.reason}`);
}
/** A binding for every driver name. */
export type DriverBindings = Readonly<Record<DriverName, DriverBinding>>;

/** The names driver 'auto' tries on each OS, first choice first. */
export const AUTO_ORDER: Readonly<Record<DriverPlatform['os'], readonly DriverName[]>> = {
  linux: ['pcscd', 'winscard', 'smartcard', 'pcsclite'],
  darwin: ['winscard', 'smartcard', 'pcsclite'],
  win32: ['winscard', 'smartcard', 'pcsclite'],
  other: ['pcscd', 'winscard', 'smartcard', 'pcsclite'],
};

export { DRIVER_NAMES, isDriverName };

/**
 * Runs `attempt` on each name in turn until one does not throw. When none works, throws one
 * DriverUnavailableError naming every driver tried and why each failed, the platform's first
 * choice first (a single failure, or a fault that is no DriverUnavailableError, is thrown as is).
 */
export async function firstWorking<T>(
  names: readonly DriverName[],
  firstChoice: DriverName | undefined,
  attempt: (name: DriverName) => T | Promise<T>,
): Promise<{ name: DriverName; value: T; passedOver: ReadonlyMap<DriverName, unknown> }> {
  const errors = new Map<DriverName, unknown>();
  for (const name of names) {
    try {
      return { name, value: await attempt(name), passedOver: errors };
    } catch (error) {
      errors.set(name, error);
    }
  }
  const first = firstChoice !== undefined && errors.has(firstChoice) ? [errors.get(firstChoice)] : [];
  const others = [...errors].filter(([name]) => name !== firstChoice || first.length === 0).map(([, error]) => error);
  throw combineDriverFailures('auto', [...first, ...others]);
}
