import { createRequire } from 'node:module';
import { DriverUnavailableError } from '../../driver/driver-unavailable-error';
import { messageOf } from '../error-message';
import type { Koffi } from './platform-table';

let cached: Koffi | undefined;

/** koffi, an optional dependency; DriverUnavailableError when it cannot be loaded. */
export function loadKoffi(): Koffi {
  if (cached) return cached;
  try {
    cached = createRequire(__filename)('koffi') as Koffi;
    return cached;
  } catch (cause) {
    throw koffiUnavailable(cause);
  }
}

/** The error for a failed `require('koffi')`: the package is missing, or its native part did not load. */
export function koffiUnavailable(cause: unknown): DriverUnavailableError {
  const reason = messageOf(cause).split('\n')[0];
  const message = isMissingModule(cause, 'koffi')
    ? 'The "winscard" driver needs the optional package "koffi", which is not installed: npm install koffi.'
    : `The package "koffi" is installed but could not load its native part for ${process.platform}-${process.arch} (${reason}). ` +
      'Reinstall it with optional dependencies enabled (npm install koffi --include=optional).';
  return new DriverUnavailableError('winscard', message, { cause });
}

function isMissingModule(error: unknown, name: string): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'MODULE_NOT_FOUND' && messageOf(error).includes(`'${name}'`);
}
