import type { QuirkId } from '../../quirks/quirk-entry';
import type { DriverCapabilities } from '../../driver/pcsc-driver';
import type { SimulatedBugs, SimulatedCodeBugs } from './simulator-personality';

/** How the simulator reproduces one registry entry. */
export type QuirkHook =
  { readonly bug: keyof SimulatedBugs } | { readonly codeBug: keyof SimulatedCodeBugs } | { readonly missingCapability: keyof DriverCapabilities };

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
  'status-misses-reset': { bug: 'statusMissesReset' },
  'transmit-unpowered-while-shared': { bug: 'powerOffWhileShared' },
  'shared-connect-blocks': { bug: 'sharedConnectWaitsForOthers' },
  'inherited-context-crashes-after-fork': { bug: 'inheritedContextCrashes' },
  'begin-transaction-unpowered-for-reset': { codeBug: 'beginTransactionUnpoweredForReset' },
  'transmit-truncates-response': { bug: 'truncatesLongAnswers' },
  'service-stops-with-last-reader': { bug: 'serviceStopsWithLastReader' },
};
