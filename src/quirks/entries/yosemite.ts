import type { QuirkEntry } from '../quirk-entry';

const NOT_IN_LATER_LISTS = 'Not among the bugs reported for 10.11 and later; treated as fixed in El Capitan.';

/** OS X 10.10 Yosemite (Darwin 14), the first release with Apple's own PC/SC layer. */
export const YOSEMITE_QUIRKS: readonly QuirkEntry[] = [
  {
    id: 'status-misses-reset',
    os: 'darwin',
    firstAffected: 14,
    fixedIn: 15,
    call: 'SCardStatus',
    wrongBehaviour: 'succeeds after another context reset the card',
    expectedBehaviour: 'SCARD_W_RESET_CARD',
    workaround: 'diagnose-only',
    diagnoseOnlyBecause:
      'SCardTransmit still reports the reset on 10.10 (its late report starts with 10.11), so no command reaches a reset card; the missed-reset guard does not trust SCardStatus on this release and says so in doctor',
    versionNote: NOT_IN_LATER_LISTS,
    source: { title: 'OS X Yosemite bug: SCardStatus() after a card reset', date: '2014-12-16' },
  },
  {
    id: 'connect-not-transacted-for-proto-mismatch',
    os: 'darwin',
    firstAffected: 14,
    fixedIn: 15,
    call: 'SCardConnect',
    wrongBehaviour: 'returns SCARD_E_NOT_TRANSACTED when the card does not speak the requested protocol',
    expectedBehaviour: 'SCARD_E_PROTO_MISMATCH',
    workaround: 'notTransactedIsProtoMismatch',
    versionNote: NOT_IN_LATER_LISTS,
    source: { title: 'OS X Yosemite bug: SCARD_E_PROTO_MISMATCH not returned', date: '2015-01-06' },
  },
  {
    id: 'inherited-context-crashes-after-fork',
    os: 'darwin',
    firstAffected: 14,
    fixedIn: undefined,
    call: 'SCardListReaders, SCardConnect (any call on an inherited context)',
    wrongBehaviour: 'a context established before fork() crashes the child process that uses it',
    expectedBehaviour: 'an error code, or a working context',
    workaround: 'forkGuard',
    versionNote: 'From 10.11 a forked child cannot even establish its own context (no-pcsc-after-fork).',
    source: { title: 'OS X Yosemite bug: PC/SC functions crash after a fork(2)', date: '2015-01-05' },
  },
  {
    id: 'transmit-unpowered-while-shared',
    os: 'darwin',
    firstAffected: 14,
    fixedIn: 15,
    call: 'SCardTransmit',
    wrongBehaviour: 'returns SCARD_W_UNPOWERED_CARD about 5 s after another application disconnected, although this one is still connected',
    expectedBehaviour: 'the card stays powered while any application is connected',
    workaround: 'unpoweredCardIsReset',
    versionNote: NOT_IN_LATER_LISTS,
    source: { title: 'OS X Yosemite bug: SCardTransmit returns SCARD_W_UNPOWERED_CARD', date: '2015-02-09' },
  },
  {
    id: 'shared-connect-blocks',
    os: 'darwin',
    firstAffected: 14.4,
    fixedIn: 15,
    call: 'SCardConnect',
    wrongBehaviour: 'a SCARD_SHARE_SHARED connect blocks until the other application disconnects (or the card is removed: SCARD_E_NO_SMARTCARD)',
    expectedBehaviour: 'shared connections from several applications succeed at once',
    workaround: 'sharedConnectWithoutBlocking',
    versionNote:
      'Seen on 10.10.4 (Darwin 14.4); earlier 10.10 updates, where two applications did share a card, are taken as unaffected. ' + NOT_IN_LATER_LISTS,
    source: { title: 'OS X Yosemite bug: SCardConnect blocks in SCARD_SHARE_SHARED mode', date: '2015-07-07' },
  },
];
