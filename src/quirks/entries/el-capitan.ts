import type { QuirkEntry } from '../quirk-entry';

/** The seed's four El Capitan bugs, and the transaction error codes found after them. */
export const EL_CAPITAN_QUIRKS: readonly QuirkEntry[] = [
  {
    id: 'connect-proto-mismatch-for-sharing-violation',
    os: 'darwin',
    firstAffected: 15,
    fixedIn: 16,
    call: 'SCardConnect',
    wrongBehaviour: 'returns SCARD_E_PROTO_MISMATCH when another application holds the card exclusively',
    expectedBehaviour: 'SCARD_E_SHARING_VIOLATION',
    workaround: 'protoMismatchIsSharingViolation',
    source: {
      title: 'OS X El Capitan bug: SCardConnect() returns SCARD_E_PROTO_MISMATCH instead of SCARD_E_SHARING_VIOLATION',
      date: '2015-11-23',
    },
  },
  {
    id: 'transmit-misses-reset',
    os: 'darwin',
    firstAffected: 15,
    fixedIn: 17,
    call: 'SCardTransmit',
    wrongBehaviour:
      'after another application reset the card, the next SCardTransmit succeeds with the reset card\'s answer; only the one after returns SCARD_W_RESET_CARD',
    expectedBehaviour: 'the first SCardTransmit after the reset returns SCARD_W_RESET_CARD without reaching the card',
    workaround: 'missedResetGuard',
    source: { title: 'OS X El Capitan bug: SCARD_W_RESET_CARD not returned by SCardTransmit()', date: '2015-11-26' },
  },
  {
    id: 'no-pcsc-after-fork',
    os: 'darwin',
    firstAffected: 15,
    fixedIn: undefined,
    call: 'SCardEstablishContext',
    wrongBehaviour: 'returns SCARD_E_NO_SERVICE in a process created by fork() without exec',
    expectedBehaviour: 'a context established in the child works',
    workaround: 'forkGuard',
    source: { title: 'OS X El Capitan bug: PC/SC not usable after fork()', date: '2015-11-26' },
  },
  {
    id: 'ct700-breaks-pcsc',
    os: 'darwin',
    firstAffected: 15,
    fixedIn: 16,
    call: 'SCardListReaders',
    wrongBehaviour:
      'a Gemalto CT700 (GemPC Pinpad, USB 08E6:3478) fails to initialise and every reader connected after it is unusable',
    expectedBehaviour: 'every reader works (fixed in CCID driver 1.4.22, shipped with macOS 10.12)',
    workaround: 'knownBadReaderDiagnostics',
    source: { title: 'OS X El Capitan bug: Connecting a CT700 Gemalto smart card reader renders PC/SC useless', date: '2015-11-17' },
  },
  {
    id: 'begin-transaction-reset-for-removed',
    os: 'darwin',
    firstAffected: 15,
    fixedIn: undefined,
    call: 'SCardBeginTransaction',
    wrongBehaviour: 'returns SCARD_W_RESET_CARD after the card was removed and inserted again',
    expectedBehaviour: 'SCARD_W_REMOVED_CARD',
    workaround: 'removedCardRemap',
    versionNote: 'Apple report #23900844 was still open in September 2018 (High Sierra); no fix is known.',
    source: {
      title: 'OS X El Capitan bug: SCardBeginTransaction() returns different error codes than on GNU/Linux and Windows',
      date: '2015-12-15',
    },
  },
  {
    id: 'begin-transaction-unpowered-for-reset',
    os: 'darwin',
    firstAffected: 15,
    fixedIn: undefined,
    call: 'SCardBeginTransaction',
    wrongBehaviour: 'returns SCARD_W_UNPOWERED_CARD after another application powered the card off',
    expectedBehaviour: 'SCARD_W_RESET_CARD',
    workaround: 'unpoweredCardIsReset',
    versionNote: 'Same Apple report as the removed-card case; no fix is known.',
    source: {
      title: 'OS X El Capitan bug: SCardBeginTransaction() returns different error codes than on GNU/Linux and Windows',
      date: '2015-12-15',
    },
  },
];
