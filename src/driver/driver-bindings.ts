import { CAPABILITIES as PCSCLITE_CAPABILITIES, PcscliteDriver } from './adapters/pcsclite/pcsclite-driver';
import { loadPcscliteAddon } from './adapters/pcsclite/load-addon';
import { CAPABILITIES as SMARTCARD_CAPABILITIES, SmartcardDriver } from './adapters/smartcard/smartcard-driver';
import { loadSmartcardAddon } from './adapters/smartcard/load-addon';
import { loadWinscard } from './adapters/winscard/load-winscard';
import { CAPABILITIES as WINSCARD_CAPABILITIES, WinscardDriver } from './adapters/winscard/winscard-driver';
import { combineDriverFailures } from './driver-unavailable-error';
import type { DriverCapabilities, DriverPlatform, PcscDriver } from './pcsc-driver';

/** A driver an application can ask for by name. */
export interface DriverBinding {
  /** What the driver will report as `capabilities`, known without building it. */
  readonly capabilities: DriverCapabilities;
  /** Throws DriverUnavailableError when the binding cannot work here; builds nothing. */
  readonly probe: () => void;
  /** Builds the driver (throws DriverUnavailableError like `probe`). */
  readonly create: () => PcscDriver;
}

/** Every driver that has a name; a new adapter joins with one entry here (and one in AUTO_ORDER). */
export const DRIVER_BINDINGS = {
  pcsclite: { capabilities: PCSCLITE_CAPABILITIES, probe: () => void loadPcscliteAddon(), create: () => new PcscliteDriver() },
  smartcard: { capabilities: SMARTCARD_CAPABILITIES, probe: () => void loadSmartcardAddon(), create: () => new SmartcardDriver() },
  winscard: { capabilities: WINSCARD_CAPABILITIES, probe: () => void loadWinscard(), create: () => new WinscardDriver() },
} as const satisfies Record<string, DriverBinding>;

export type DriverName = keyof typeof DRIVER_BINDINGS;
export type DriverBindings = Readonly<Record<DriverName, DriverBinding>>;

/** The names driver 'auto' tries on each OS, first choice first. */
export const AUTO_ORDER: Readonly<Record<DriverPlatform['os'], readonly DriverName[]>> = {
  linux: ['pcsclite', 'smartcard'],
  darwin: ['pcsclite', 'smartcard'],
  win32: ['pcsclite', 'smartcard'],
  other: ['pcsclite', 'smartcard'],
};

export const DRIVER_NAMES = Object.keys(DRIVER_BINDINGS) as readonly DriverName[];

export function isDriverName(value: unknown): value is DriverName {
  return typeof value === 'string' && (DRIVER_NAMES as readonly string[]).includes(value);
}

/**
 * Runs `attempt` on each name in turn until one does not throw. When none works, throws one
 * DriverUnavailableError naming every driver tried and why each failed, the platform's first
 * choice first (a single failure, or a fault that is no DriverUnavailableError, is thrown as is).
 */
export function firstWorking<T>(names: readonly DriverName[], firstChoice: DriverName | undefined, attempt: (name: DriverName) => T): { name: DriverName; value: T } {
  const errors = new Map<DriverName, unknown>();
  for (const name of names) {
    try {
      return { name, value: attempt(name) };
    } catch (error) {
      errors.set(name, error);
    }
  }
  const first = firstChoice !== undefined && errors.has(firstChoice) ? [errors.get(firstChoice)] : [];
  const others = [...errors].filter(([name]) => name !== firstChoice || first.length === 0).map(([, error]) => error);
  throw combineDriverFailures('auto', [...first, ...others]);
}
