/**
 * The drivers the real-pcscd suites run through: every driver that talks to a real pcscd on this
 * machine. A new adapter joins every real suite by being added here.
 */
export const REAL_DRIVERS = ['pcscd', 'pcsclite', 'smartcard', 'winscard'] as const;

export type RealDriver = (typeof REAL_DRIVERS)[number];
