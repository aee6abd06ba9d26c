import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { checkOptions, checkSignal } from '../deadline';

/** How Pcsc re-establishes its context after the PC/SC service was lost. */
export interface RecoveryOptions {
  /** First delay between attempts (default 100 ms); it doubles up to maxDelayMs. */
  readonly minDelayMs?: number;
  /** Longest delay between attempts (default 5000 ms). */
  readonly maxDelayMs?: number;
  /** Aborting stops recovery for good: the Pcsc stays in the service-lost state. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_MIN_DELAY_MS = 100;
export const DEFAULT_MAX_DELAY_MS = 5000;

export function checkRecoveryOptions(given: unknown): RecoveryOptions {
  const options = checkOptions<RecoveryOptions>(given, 'Pcsc.open');
  for (const key of ['minDelayMs', 'maxDelayMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw InvalidArgumentError.expected(`recovery.${key}`, 'a non-negative finite number of milliseconds', value, 'Pcsc.open');
    }
  }
  checkSignal(options.signal, 'Pcsc.open');
  return options;
}
