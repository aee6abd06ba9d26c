import * as os from 'node:os';
import type { DriverPlatform } from '../pcsc-driver';

/** The platform this process really runs on, as a real adapter reports it. */
export function hostPlatform(): DriverPlatform {
  const platform = process.platform;
  const known = platform === 'linux' || platform === 'darwin' || platform === 'win32';
  return { os: known ? platform : 'other', release: os.release() };
}
