import type { PcscDriver } from '../driver/pcsc-driver';
import type { QuirkProfile } from './quirk-profile';
import { quirksFor } from './registry';

/** How the missed-reset guard learns of a reset: SCardStatus, a probing transaction, the event counter, or not at all. */
export type GuardSignal = 'status' | 'transaction' | 'event-counter' | 'none';
/** How surely the chosen signal catches a reset before a transmit reaches the card. */
export type GuardConfidence = 'high' | 'medium' | 'low';

/** The missed-reset guard's signal on a platform, and why. */
export interface GuardSignalChoice {
  /** The call the guard watches. */
  readonly signal: GuardSignal;
  /** How surely it catches a reset. */
  readonly confidence: GuardConfidence;
  /** Why this signal, for people. */
  readonly reason: string;
}

/**
 * How the missed-reset guard can learn of a reset before a transmit on this platform, best first:
 * SCardStatus, then a probing SCardBeginTransaction, then the event counter (which only sees
 * insertions and removals). A call is skipped where the registry says it misses resets too.
 */
export function guardSignalFor(profile: QuirkProfile, driver: Pick<PcscDriver, 'capabilities'>): GuardSignalChoice {
  const release = profile.platform.os === 'darwin' ? profile.platform.release : undefined;
  const known = new Set(quirksFor(profile.platform.os, release).map((quirk) => quirk.id));
  const statusMisses = known.has('status-misses-reset');
  if (driver.capabilities.status && !statusMisses) {
    return { signal: 'status', confidence: 'high', reason: 'SCardStatus reports a reset by another application' };
  }
  // on Yosemite no probe other than SCardTransmit is known to see the reset
  if (driver.capabilities.transactions && !statusMisses) {
    return { signal: 'transaction', confidence: 'medium', reason: 'no SCardStatus; SCardBeginTransaction reports the reset' };
  }
  if (driver.capabilities.eventCounter) {
    return { signal: 'event-counter', confidence: 'low', reason: 'only insertions and removals are counted, not resets' };
  }
  return {
    signal: 'none',
    confidence: 'low',
    reason: statusMisses
      ? 'on this release only SCardTransmit reports a reset, and it reaches the card'
      : 'the driver offers no status, transaction or event counter',
  };
}
