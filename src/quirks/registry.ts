/** One known platform PC/SC bug, as data. */
export interface QuirkEntry {
  readonly id: QuirkId;
  readonly os: 'darwin' | 'win32';
  /** First affected Darwin major (14 Yosemite, 15 El Capitan, 16 Sierra, 17 High Sierra, ...). */
  readonly firstAffected: number;
  /** First Darwin major where it is fixed, or undefined while unfixed. */
  readonly fixedIn: number | undefined;
  readonly call: string;
  readonly wrongBehaviour: string;
  readonly expectedBehaviour: string;
  /** The workaround that handles it, or 'diagnose-only' when only a warning is possible. */
  readonly workaround: WorkaroundId;
  readonly source: { readonly title: string; readonly date: string };
}

export type QuirkId =
  | 'connect-proto-mismatch-for-sharing-violation'
  | 'transmit-misses-reset'
  | 'no-pcsc-after-fork'
  | 'ct700-breaks-pcsc';

export type WorkaroundId =
  | 'protoMismatchIsSharingViolation'
  | 'missedResetGuard'
  | 'forkGuard'
  | 'knownBadReaderDiagnostics';

export const QUIRKS: readonly QuirkEntry[] = [
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
];

/** The registry entries that affect a platform. */
export function quirksFor(os: string, darwinMajor: number | undefined): QuirkEntry[] {
  return QUIRKS.filter(
    (quirk) =>
      quirk.os === os &&
      darwinMajor !== undefined &&
      darwinMajor >= quirk.firstAffected &&
      (quirk.fixedIn === undefined || darwinMajor < quirk.fixedIn),
  );
}
