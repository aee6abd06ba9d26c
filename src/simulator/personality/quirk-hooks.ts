import type { QuirkId } from '../../quirks/quirk-entry';
import type { DriverCapabilities } from '../../driver/pcsc-driver';
import type { SimulatedBugs, SimulatedCodeBugs } from './simulator-personality';

/** How the simulator reproduces one registry entry. */
export type QuirkHook =
  | { readonly bug: keyof SimulatedBugs }
  | { readonly codeBug: keyof SimulatedCodeBugs }
  | { readonly missingCapability: keyof DriverCapabilities }
  | { readonly notSimulated: string };

/** Every registry entry's simulator hook: the registry alone decides what a personality does. */
export const QUIRK_HOOKS: Readonly<Record<QuirkId, QuirkHook>> = {
  'connect-proto-mismatch-for-sharing-violation': { bug: 'protoMismatchOnExclusiveReader' },
  'transmit-misses-reset': { bug: 'resetReportedOneTransmitLate' },
  'no-pcsc-after-fork': { bug: 'noServiceInForkedChild' },
  'ct700-breaks-pcsc': { bug: 'pinpadBreaksLaterReaders' },
  'connect-not-transacted-for-proto-mismatch': { codeBug: 'notTransactedForProtoMismatch' },
  'begin-transaction-reset-for-removed': { codeBug: 'beginTransactionResetForRemoved' },
  'transmit-reset-for-removed': { codeBug: 'transmitResetForRemoved' },
  'end-transaction-reset-for-removed': { codeBug: 'endTransactionResetForRemoved' },
  'control-not-transacted': { codeBug: 'controlNotTransacted' },
  'no-event-counter': { missingCapability: 'eventCounter' },
  'no-pnp-notification': { missingCapability: 'pnpNotification' },
  'status-misses-reset': { notSimulated: 'SCardStatus keeps reporting resets' },
  'transmit-unpowered-while-shared': { notSimulated: 'the idle power-off waits for the last handle' },
  'shared-connect-blocks': { notSimulated: 'shared connections never block' },
  'inherited-context-crashes-after-fork': { notSimulated: 'simulated applications do not inherit contexts' },
  'begin-transaction-unpowered-for-reset': { notSimulated: 'a power-off by another application reads as a reset' },
  'transmit-truncates-response': { notSimulated: 'answers are never truncated' },
  'service-stops-with-last-reader': { notSimulated: 'the service keeps running without readers' },
};
