import { DriverUnavailableError } from '../driver-unavailable-error';
import { messageOf } from './error-message';

const INSTALL_HINT =
  'Install the PC/SC development headers and rebuild it: on Debian/Ubuntu `apt-get install libpcsclite-dev pcscd` ' +
  'then `npm rebuild {name}` (or `npm install {name}`); macOS and Windows ship PC/SC with the OS.';

/** Loads an optional native PC/SC binding, or throws DriverUnavailableError saying what to install. */
export function loadBinding<T>(name: 'pcsclite' | 'smartcard', load: () => T): T {
  try {
    return load();
  } catch (cause) {
    const reason = messageOf(cause).split('\n')[0];
    throw new DriverUnavailableError(
      name,
      `The native PC/SC binding "${name}" could not be loaded (${reason}). ${INSTALL_HINT.replace(/\{name\}/g, name)}`,
      { cause },
    );
  }
}
