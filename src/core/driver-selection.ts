import { PcscliteDriver } from '../driver/adapters/pcsclite/pcsclite-driver';
import { SmartcardDriver } from '../driver/adapters/smartcard/smartcard-driver';
import { DriverUnavailableError } from '../driver/driver-unavailable-error';
import type { PcscDriver } from '../driver/pcsc-driver';
import { guardSignalFor, type GuardSignal } from '../quirks/guard-signal';
import { resolveQuirkProfile, type QuirksOption } from '../quirks/quirk-profile';

export type DriverChoice = 'auto' | 'pcsclite' | 'smartcard' | PcscDriver;

/** Native bindings in the order 'auto' tries them, each a constructor that throws when not installed. */
export interface AutoCandidates {
  readonly preferred: () => PcscDriver;
  readonly fallback: () => PcscDriver;
}

const NATIVE_BINDINGS: AutoCandidates = {
  preferred: () => new PcscliteDriver(),
  fallback: () => new SmartcardDriver(),
};

const SIGNAL_STRENGTH: Readonly<Record<GuardSignal, number>> = { status: 3, transaction: 2, 'event-counter': 1, none: 0 };

/**
 * The driver an application asked for. 'auto' takes pcsclite, then smartcard; but where the
 * missed-reset guard is on (a platform whose SCardTransmit misses resets) it takes the binding
 * that gives the guard the better reset signal, since pcsclite has no SCardStatus.
 */
export function selectDriver(choice: DriverChoice, quirks: QuirksOption = 'auto', candidates: AutoCandidates = NATIVE_BINDINGS): PcscDriver {
  if (typeof choice === 'object' && choice !== null) return choice;
  if (choice === 'pcsclite') return new PcscliteDriver();
  if (choice === 'smartcard') return new SmartcardDriver();
  if (choice !== 'auto') {
    throw new DriverUnavailableError(String(choice), `Unknown driver ${JSON.stringify(choice)}; use 'auto', 'pcsclite', 'smartcard' or a PcscDriver.`);
  }
  let preferred: PcscDriver;
  try {
    preferred = candidates.preferred();
  } catch (preferredError) {
    try {
      return candidates.fallback();
    } catch {
      throw preferredError;
    }
  }
  return betterForTheGuard(preferred, quirks, candidates.fallback);
}

function betterForTheGuard(preferred: PcscDriver, quirks: QuirksOption, makeFallback: () => PcscDriver): PcscDriver {
  const profile = resolveQuirkProfile(quirks, preferred.platform);
  if (!profile.enabled.missedResetGuard) return preferred;
  let fallback: PcscDriver;
  try {
    fallback = makeFallback();
  } catch {
    return preferred;
  }
  const preferredSignal = guardSignalFor(profile, preferred).signal;
  const fallbackSignal = guardSignalFor(profile, fallback).signal;
  return SIGNAL_STRENGTH[fallbackSignal] > SIGNAL_STRENGTH[preferredSignal] ? fallback : preferred;
}
