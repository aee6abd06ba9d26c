import { DriverUnavailableError, type DriverUnavailableReason } from '../driver/driver-unavailable-error';
import { messageOf } from './error-message';

export type NativeBindingName = 'pcsclite' | 'smartcard';

/** Why loading a native binding failed, and what the user can do about it. */
export interface LoadFailure {
  readonly reason: Exclude<DriverUnavailableReason, 'several' | 'unknown-driver'>;
  /** The first line of the loader's own message. */
  readonly detail: string;
  readonly advice: string;
}

const SYSTEM_LIBRARY_MISSING = [
  /cannot open shared object file/i, // Linux
  /Library not loaded/i, // macOS
  /image not found/i, // older macOS
  /The specified module could not be found/i, // Windows
  /libpcsclite/i,
];

/** Classifies an error thrown while loading `name` (from require() or process.dlopen()). */
export function classifyLoadFailure(name: NativeBindingName, cause: unknown): LoadFailure {
  const message = messageOf(cause);
  const detail = message.split('\n')[0] ?? message;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (code === 'MODULE_NOT_FOUND' && new RegExp(`Cannot find module '${name}(/package\\.json)?'`).test(message)) {
    return {
      reason: 'not-installed',
      detail,
      advice:
        `It is an optional dependency, so npm leaves it out when its build fails: run \`npm install ${name}\` and read its build output. ` +
        `${BUILD_NEEDS} \`npx resilient-pcsc doctor\` checks the result.`,
    };
  }
  if (/NODE_MODULE_VERSION|did not self-register/.test(message)) {
    return {
      reason: 'abi-mismatch',
      detail,
      advice:
        `It was built for another Node.js (or Electron) version: run \`npm rebuild ${name}\` with the Node.js that runs your application; ` +
        `for Electron rebuild it against Electron's headers (\`npx @electron/rebuild -o ${name}\`).`,
    };
  }
  if (SYSTEM_LIBRARY_MISSING.some((pattern) => pattern.test(message))) {
    return {
      reason: 'system-library-missing',
      detail,
      advice:
        'The system PC/SC library is missing: on Debian/Ubuntu `apt-get install libpcsclite1 pcscd`, on Fedora/RHEL `dnf install pcsc-lite-libs pcsc-lite`; ' +
        'macOS and Windows ship it with the OS.',
    };
  }
  if (code === 'MODULE_NOT_FOUND' || /\.node\b|bindings file|No native build/i.test(message)) {
    return {
      reason: 'not-built',
      detail,
      advice:
        `Its native part was never built: its install script did not run (npm 11+ wants it approved: \`npm approve-scripts ${name}\`, or "allowScripts" in package.json) ` +
        `or failed. Run \`npm rebuild ${name}\` and read its output. ${BUILD_NEEDS}`,
    };
  }
  return { reason: 'load-failed', detail, advice: `Try \`npm rebuild ${name}\`; \`npx resilient-pcsc doctor\` shows what else is missing.` };
}

const BUILD_NEEDS =
  'Building needs Python 3 and a C++ toolchain, and on Linux the PC/SC headers (Debian/Ubuntu `apt-get install build-essential libpcsclite-dev`).';

/** Loads an optional native PC/SC binding, or throws DriverUnavailableError saying what went wrong and what to do. */
export function loadBinding<T>(name: NativeBindingName, load: () => T): T {
  try {
    return load();
  } catch (cause) {
    const failure = classifyLoadFailure(name, cause);
    throw new DriverUnavailableError(name, `The native PC/SC binding "${name}" could not be loaded (${failure.detail}). ${failure.advice}`, {
      cause,
      reason: failure.reason,
    });
  }
}
