import { AUTO_ORDER, DRIVER_BINDINGS, firstWorking, type DriverBindings, type DriverName, type DriverSettings } from './driver-bindings';
import type { PcscDriver } from '../driver/pcsc-driver';
import { AutoDriver } from './auto-driver';
import { guardSignalFor, type GuardSignal } from '../quirks/guard-signal';
import type { QuirkProfile } from '../quirks/quirk-profile';
import type { DriverSelection } from '../core/composed-driver';

const SIGNAL_STRENGTH: Readonly<Record<GuardSignal, number>> = { status: 3, transaction: 2, 'event-counter': 1, none: 0 };

/**
 * The driver names to try for `choice`, best first. 'auto' follows the platform's order, but where
 * the missed-reset guard is on (a platform whose SCardTransmit misses resets) the binding that
 * gives the guard the better reset signal comes first: pcsclite has no SCardStatus.
 */
export function driverOrder(choice: DriverName | 'auto', profile: QuirkProfile, bindings: DriverBindings = DRIVER_BINDINGS): DriverName[] {
  if (choice !== 'auto') return [choice];
  const names = [...AUTO_ORDER[profile.platform.os]];
  if (!profile.enabled.missedResetGuard) return names;
  const strength = (name: DriverName): number => SIGNAL_STRENGTH[guardSignalFor(profile, bindings[name]).signal];
  return names.sort((a, b) => strength(b) - strength(a));
}

/** Builds the driver `choice` names for a process with quirk profile `profile`, with `settings` (a socket for 'pcscd'). */
export async function selectDriver(
  choice: DriverName | 'auto',
  profile: QuirkProfile,
  bindings: DriverBindings = DRIVER_BINDINGS,
  settings: DriverSettings = {},
): Promise<PcscDriver> {
  const names = driverOrder(choice, profile, bindings);
  // A name the caller chose is built as asked: 'pcscd' with the daemon down is a lost service to
  // recover from, not a driver to pass over.
  const attempt = async (name: DriverName): Promise<PcscDriver> => {
    if (choice === 'auto') await bindings[name].probe();
    return bindings[name].create(settings);
  };
  return (await firstWorking(names, AUTO_ORDER[profile.platform.os][0], attempt)).value;
}

/**
 * Builds driver 'auto' for a process in this process: the first driver of the order that works.
 * When it had to pass over a better one (e.g. 'pcscd' with the daemon not running yet), the result
 * is an AutoDriver, which asks the better ones again whenever the service is down.
 */
export async function selectAutoDriver(profile: QuirkProfile, bindings: DriverBindings = DRIVER_BINDINGS): Promise<PcscDriver> {
  return (await chooseAutoDriver(profile, bindings)).driver;
}

/** selectAutoDriver, with which driver it chose and why. */
export async function chooseAutoDriver(
  profile: QuirkProfile,
  bindings: DriverBindings = DRIVER_BINDINGS,
): Promise<{ driver: PcscDriver; selection: DriverSelection }> {
  const names = driverOrder('auto', profile, bindings);
  const chosen = await firstWorking(names, AUTO_ORDER[profile.platform.os][0], async (name) => {
    await bindings[name].probe();
    return bindings[name].create();
  });
  const selection = autoSelection(chosen.name, chosen.passedOver, names, profile);
  if (names.indexOf(chosen.name) === 0) return { driver: chosen.value, selection };
  return { driver: new AutoDriver(names, chosen.name, chosen.value, bindings), selection };
}

/** The selection report of driver 'auto' that took `name` from `order` after passing over the drivers in `passedOver`. */
export function autoSelection(
  name: DriverName,
  passedOver: ReadonlyMap<DriverName, unknown>,
  order: readonly DriverName[],
  profile: QuirkProfile,
): DriverSelection {
  return {
    name,
    reason: `the first that works here in the ${orderText(order, profile)}`,
    tried: [...passedOver].map(([tried, error]) => ({ name: tried, reason: error instanceof Error ? error.message : String(error) })),
  };
}

function orderText(names: readonly DriverName[], profile: QuirkProfile): string {
  const platformOrder = AUTO_ORDER[profile.platform.os];
  const reordered = names.some((name, index) => platformOrder[index] !== name);
  return `'auto' order on ${profile.platform.os}${reordered ? ', reordered for the missed-reset guard' : ''}: ${names.join(', ')}`;
}

/** One driver a choice considered, and why it was or was not taken. */
export interface DriverTrial {
  readonly name: DriverName;
  readonly outcome: 'chosen' | 'unavailable' | 'not tried';
  readonly reason: string;
}

/**
 * The drivers `choice` goes through, in selectDriver's order, each with its probe's verdict: for
 * 'auto' every name up to the first whose probe passes, then the rest as not tried; a name chosen
 * explicitly is built without a probe. Builds no driver (for `doctor`).
 */
export async function explainDriverChoice(
  choice: DriverName | 'auto',
  profile: QuirkProfile,
  bindings: DriverBindings = DRIVER_BINDINGS,
): Promise<DriverTrial[]> {
  const names = driverOrder(choice, profile, bindings);
  if (choice !== 'auto') return [{ name: choice, outcome: 'chosen', reason: 'named explicitly; used without probing' }];
  const order = orderText(names, profile);
  const trials: DriverTrial[] = [];
  let chosen: DriverName | undefined;
  for (const name of names) {
    if (chosen !== undefined) {
      trials.push({ name, outcome: 'not tried', reason: `'${chosen}' comes before it` });
      continue;
    }
    try {
      await bindings[name].probe();
      chosen = name;
      trials.push({ name, outcome: 'chosen', reason: `the first that works here in the ${order}` });
    } catch (error) {
      trials.push({ name, outcome: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return trials;
}
