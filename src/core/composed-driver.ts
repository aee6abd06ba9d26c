import type { PcscDriver } from '../driver/pcsc-driver';
import type { QuirkProfile } from '../quirks/quirk-profile';

/** A driver that was considered before the chosen one and could not serve, with the reason. */
export interface DriverPassedOver {
  /** The driver's name, e.g. 'pcscd'. */
  readonly name: string;
  /** Why it was not taken, e.g. "pcscd does not answer on /run/pcscd/pcscd.comm: ...". */
  readonly reason: string;
}

/** Which driver a Pcsc was given, and why (see `Pcsc.driverSelection`). */
export interface DriverSelection {
  /** The chosen driver's name: 'pcscd', 'winscard', 'pcsclite', 'smartcard', or a driver object's own name. */
  readonly name: string;
  /** Why it was chosen: named explicitly, the first of the 'auto' order that works here, a driver object given. */
  readonly reason: string;
  /** The drivers passed over before it, best first (empty unless 'auto' had to pass over one). */
  readonly tried: readonly DriverPassedOver[];
}

/** What the composition root hands core: a finished driver, the quirk profile that wrapped it, and why it was chosen. */
export interface ComposedDriver {
  /** The driver, workarounds and tracing applied. */
  readonly driver: PcscDriver;
  /** The quirk profile that chose the workarounds. */
  readonly profile: QuirkProfile;
  /** Which driver was chosen, and why. */
  readonly selection: DriverSelection;
}
