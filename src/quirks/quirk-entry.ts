/** One known platform PC/SC bug, as data. */
export interface QuirkEntry {
  /** The bug's stable id. */
  readonly id: QuirkId;
  /** The operating system whose PC/SC has the bug. */
  readonly os: 'darwin' | 'win32';
  /**
   * First affected version: the Darwin kernel release for macOS (14 Yosemite, 15 El Capitan,
   * 16 Sierra, 17 High Sierra, ... 23 Sonoma), the NT version for Windows (6.2 is Windows 8).
   * A fraction is a minor release: 23.3 is Darwin 23.3, i.e. macOS 14.3.
   */
  readonly firstAffected: number;
  /** First version where it is fixed, or undefined while no fix is known. */
  readonly fixedIn: number | undefined;
  /** The SCard* call that misbehaves. */
  readonly call: string;
  /** What the call does wrong. */
  readonly wrongBehaviour: string;
  /** What the call should do instead. */
  readonly expectedBehaviour: string;
  /** The workaround that handles it, or 'diagnose-only' when the library can only explain it. */
  readonly workaround: WorkaroundId | 'diagnose-only';
  /** Why nothing more than a diagnosis is done (diagnose-only entries). */
  readonly diagnoseOnlyBecause?: string;
  /** What the workaround cannot catch, where it has such a limit. */
  readonly workaroundLimit?: string;
  /** Where the affected range is narrower or wider than the source shows. */
  readonly versionNote?: string;
  /** Where the bug was reported. */
  readonly source: {
    /** The report's title. */
    readonly title: string;
    /** When it was reported, YYYY-MM-DD. */
    readonly date: string;
  };
}

/** The id of a known platform bug (a QUIRKS entry). */
export type QuirkId =
  | 'connect-proto-mismatch-for-sharing-violation'
  | 'transmit-misses-reset'
  | 'no-pcsc-after-fork'
  | 'ct700-breaks-pcsc'
  | 'status-misses-reset'
  | 'transmit-unpowered-while-shared'
  | 'connect-not-transacted-for-proto-mismatch'
  | 'shared-connect-blocks'
  | 'inherited-context-crashes-after-fork'
  | 'begin-transaction-reset-for-removed'
  | 'begin-transaction-unpowered-for-reset'
  | 'no-event-counter'
  | 'no-pnp-notification'
  | 'transmit-truncates-response'
  | 'transmit-reset-for-removed'
  | 'end-transaction-reset-for-removed'
  | 'control-not-transacted'
  | 'service-stops-with-last-reader';

/** The id of a workaround; the `quirks` option switches workarounds by these names. */
export type WorkaroundId =
  | 'protoMismatchIsSharingViolation'
  | 'missedResetGuard'
  | 'forkGuard'
  | 'knownBadReaderDiagnostics'
  | 'notTransactedIsProtoMismatch'
  | 'unpoweredCardIsReset'
  | 'removedCardRemap'
  | 'controlFailureDiagnostics'
  | 'sharedConnectWithoutBlocking'
  | 'fullReceiveBuffer'
  | 'reinsertionGuard';
