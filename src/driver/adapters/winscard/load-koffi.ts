import { createRequire } from 'node:module';
import { DriverUnavailableError } from '../../driver-unavailable-error';
import { messageOf } from '../error-message';
import type { Koffi } from './platform-table';

let cached: Koffi | undefined;

/** koffi, an optional dependency: DriverUnavailableError says whether it is missing or its native part failed. */
export function loadKoffi(): Koffi {
  if (cached) return cached;
  try {
    cached = createRequire(__filename)('koffi') as Koffi;
    return cached;
  } catch (cause) {
    const missing = isMissingModule(cause, 'koffi');
    const reason = messageOf(cause).split('\n')[0];
    const message = missing
      ? 'The "winscard" driver needs the optional package "koffi", which is not installed: npm install koffi.'
      : `The package "koffi" is installed but could not load its native part for ${process.platform}-${process.arch} (${reason}). ` +
        'Reinstall it with optional dependencies enabled (npm install koffi --include=optional).';
    throw new DriverUnavailableError('winscard', message, { cause });
  }
}

function isMissingModule(error: unknown, name: string): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'MODULE_NOT_FOUND' && messageOf(error).includes(`'${name}'`);
}
