import type { QuirkEntry } from '../quirk-entry';

const NEVER_IN_APPLE_PCSC = "Never present in Apple's PC/SC; 14 is the oldest release modelled here.";

/** pcsc-lite and Windows features Apple's PC/SC does not have (capability gaps, not bugs). */
export const APPLE_MISSING_FEATURES: readonly QuirkEntry[] = [
  {
    id: 'no-event-counter',
    os: 'darwin',
    firstAffected: 14,
    fixedIn: undefined,
    call: 'SCardGetStatusChange',
    wrongBehaviour: 'the upper 16 bits of dwEventState carry no card event counter',
    expectedBehaviour: 'a counter of insertions and removals, so a remove + reinsert between two calls shows',
    workaround: 'reinsertionGuard',
    workaroundLimit:
      'the presence of every reader with a connected card is watched with a status-change wait of its own, so an absence counts only ' +
      'once the service reports it to that wait: one shorter than the service takes to notice a card leaving (its polling of the reader: ' +
      'up to a few hundred ms, depending on the reader driver) or over while the watch re-arms its wait (as long as the application ' +
      "takes to run the watch's callback) is missed, and the next call then answers as without the workaround",
    versionNote: NEVER_IN_APPLE_PCSC,
    source: { title: 'OS X El Capitan missing feature: SCardGetStatusChange() and number of card events', date: '2015-12-17' },
  },
  {
    id: 'no-pnp-notification',
    os: 'darwin',
    firstAffected: 14,
    fixedIn: undefined,
    call: 'SCardGetStatusChange',
    wrongBehaviour: 'the \\\\?PnP?\\Notification pseudo reader is not supported',
    expectedBehaviour: 'a state change on that reader whenever a reader is attached or detached',
    workaround: 'diagnose-only',
    diagnoseOnlyBecause: 'the driver reports pnpNotification: false and the reader monitor polls SCardListReaders instead',
    versionNote: NEVER_IN_APPLE_PCSC,
    source: { title: 'OS X El Capitan missing feature: SCardGetStatusChange() and "\\\\?PnP?\\Notification"', date: '2015-12-19' },
  },
];
