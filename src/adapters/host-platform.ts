import * as os from 'node:os';
import type { DriverCapabilities, DriverPlatform } from '../driver/pcsc-driver';

/** The platform this process really runs on, as a real adapter reports it. */
export function hostPlatform(): DriverPlatform {
  const platform = process.platform;
  const known = platform === 'linux' || platform === 'darwin' || platform === 'win32';
  return { os: known ? platform : 'other', release: os.release() };
}

/**
 * The capabilities of an adapter over the system's own PC/SC library on this host: Apple's
 * PCSC.framework leaves the insertion/removal counter out of dwEventState, so there is none on macOS.
 */
export function onHostLibrary(capabilities: DriverCapabilities): DriverCapabilities {
  return hostPlatform().os === 'darwin' ? { ...capabilities, eventCounter: false } : capabilities;
}
