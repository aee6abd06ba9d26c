/** Every driver adapter's name. */
export const DRIVER_NAMES = ['pcscd', 'pcsclite', 'smartcard', 'winscard'] as const;

/** A driver adapter's name: 'pcscd', 'pcsclite', 'smartcard' or 'winscard'. */
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Whether `value` names a driver adapter. */
export function isDriverName(value: unknown): value is DriverName {
  return typeof value === 'string' && (DRIVER_NAMES as readonly string[]).includes(value);
}
