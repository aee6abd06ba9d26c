import { FULL_CAPABILITIES, type DriverCapabilities } from '../driver/pcsc-driver';
import { onHostLibrary } from './host-platform';

// What each named binding's driver reports, kept apart from the drivers so that the binding table
// knows them without loading any adapter.

/** What `'pcscd'` reports: pcsc-lite's socket protocol carries every call. */
export const PCSCD_CAPABILITIES: DriverCapabilities = FULL_CAPABILITIES;

/** What `'pcsclite'` reports: the binding has no SCardStatus, SCardReconnect or transactions. */
export const PCSCLITE_CAPABILITIES: DriverCapabilities = onHostLibrary({ ...FULL_CAPABILITIES, status: false, reconnect: false, transactions: false });

/** What `'smartcard'` reports: the binding has no transactions. */
export const SMARTCARD_CAPABILITIES: DriverCapabilities = onHostLibrary({ ...FULL_CAPABILITIES, transactions: false });

/** What `'winscard'` reports: every call of the system library. */
export const WINSCARD_CAPABILITIES: DriverCapabilities = onHostLibrary(FULL_CAPABILITIES);
