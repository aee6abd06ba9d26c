/** A driver adapter's name: 'pcscd', 'pcsclite', 'smartcard' or 'winscard'. */
export type DriverName = 'pcscd' | 'pcsclite' | 'smartcard' | 'winscard';
