/** The logger nfc-pcsc takes: any object with these methods (console works). */
export interface NfcLogger {
  /** General output. */
  log(...args: unknown[]): void;
  /** Debug output. */
  debug(...args: unknown[]): void;
  /** Information. */
  info(...args: unknown[]): void;
  /** Warnings. */
  warn(...args: unknown[]): void;
  /** Errors. */
  error(...args: unknown[]): void;
}

const noop = (): void => undefined;

/** The silent default logger. */
export const SILENT_LOGGER: NfcLogger = { log: noop, debug: noop, info: noop, warn: noop, error: noop };
