import type { QuirkId } from '../../../../src/quirks/quirk-entry';
import * as elCapitan from './el-capitan';
import * as features from './platform-features';
import type { QuirkScenario } from './quirk-scenario';
import * as sierra from './sierra-and-later';
import * as yosemite from './yosemite';

/** Every registry entry's scenario; the type makes a new entry without one a compile error. */
export const QUIRK_SCENARIOS: Readonly<Record<QuirkId, QuirkScenario>> = {
  'connect-proto-mismatch-for-sharing-violation': elCapitan.protoMismatchForSharingViolation,
  'transmit-misses-reset': elCapitan.transmitMissesReset,
  'no-pcsc-after-fork': elCapitan.noPcscAfterFork,
  'ct700-breaks-pcsc': elCapitan.ct700BreaksPcsc,
  'begin-transaction-reset-for-removed': elCapitan.beginTransactionResetForRemoved,
  'begin-transaction-unpowered-for-reset': elCapitan.beginTransactionUnpoweredForReset,
  'status-misses-reset': yosemite.statusMissesReset,
  'connect-not-transacted-for-proto-mismatch': yosemite.notTransactedForProtoMismatch,
  'inherited-context-crashes-after-fork': yosemite.inheritedContextCrashes,
  'transmit-unpowered-while-shared': yosemite.transmitUnpoweredWhileShared,
  'shared-connect-blocks': yosemite.sharedConnectBlocks,
  'no-event-counter': features.noEventCounter,
  'no-pnp-notification': features.noPnpNotification,
  'transmit-truncates-response': sierra.transmitTruncatesResponse,
  'transmit-reset-for-removed': sierra.transmitResetForRemoved,
  'end-transaction-reset-for-removed': sierra.endTransactionResetForRemoved,
  'control-not-transacted': sierra.controlNotTransacted,
  'service-stops-with-last-reader': features.serviceStopsWithLastReader,
};
