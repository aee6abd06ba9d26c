import type { DriverCapabilities, DriverPlatform } from '../../driver/pcsc-driver';

/**
 * Known deviations from pcsc-lite that a simulated platform reproduces.
 * With every flag off the simulator behaves like pcsc-lite 1.9.
 */
export interface SimulatedBugs {
  /**
   * A shared SCardConnect on a reader that another application holds exclusively answers
   * SCARD_E_PROTO_MISMATCH instead of SCARD_E_SHARING_VIOLATION (OS X El Capitan).
   */
  readonly protoMismatchOnExclusiveReader: boolean;
  /**
   * After the card was reset through another handle, the next SCardTransmit still reaches the
   * (reset) card and succeeds; SCARD_W_RESET_CARD only comes with the transmit after it
   * (OS X El Capitan, macOS Sierra).
   */
  readonly resetReportedOneTransmitLate: boolean;
  /** SCardEstablishContext in a forked child answers SCARD_E_NO_SERVICE (El Capitan to High Sierra). */
  readonly noServiceInForkedChild: boolean;
  /**
   * A Gemalto CT700 / GemPC Pinpad (USB 08E6:3478) fails to start and leaves the CCID driver's
   * slot marked busy, so every reader attached after it never appears (El Capitan's CCID driver).
   */
  readonly pinpadBreaksLaterReaders: boolean;
  /** SCardStatus succeeds after another context reset the card (OS X Yosemite). */
  readonly statusMissesReset?: boolean;
  /**
   * The idle power-off timer starts when the first of several applications disconnects, so the
   * card goes unpowered under the ones still connected: SCardTransmit answers
   * SCARD_W_UNPOWERED_CARD (OS X Yosemite).
   */
  readonly powerOffWhileShared?: boolean;
  /** A shared SCardConnect waits until every other application has disconnected (OS X 10.10.4). */
  readonly sharedConnectWaitsForOthers?: boolean;
  /** A forked child that uses a context inherited from its parent crashes (macOS from Yosemite). */
  readonly inheritedContextCrashes?: boolean;
  /**
   * SCardTransmit succeeds with the first bytes of an answer longer than the receive buffer,
   * instead of SCARD_E_INSUFFICIENT_BUFFER (macOS Sierra).
   */
  readonly truncatesLongAnswers?: boolean;
  /**
   * Removing the last reader stops the service: existing contexts answer
   * SCARD_E_SERVICE_STOPPED, a new context starts it again (Windows 8 and later).
   */
  readonly serviceStopsWithLastReader?: boolean;
}

/** Error codes later macOS releases (and Yosemite) answer differently from pcsc-lite. */
export interface SimulatedCodeBugs {
  /** SCardConnect answers SCARD_E_NOT_TRANSACTED where it means SCARD_E_PROTO_MISMATCH (Yosemite). */
  readonly notTransactedForProtoMismatch: boolean;
  /** After a remove + reinsert, SCardBeginTransaction answers SCARD_W_RESET_CARD, not REMOVED (El Capitan on). */
  readonly beginTransactionResetForRemoved: boolean;
  /** After a remove + reinsert, SCardTransmit answers SCARD_W_RESET_CARD, not REMOVED (High Sierra on). */
  readonly transmitResetForRemoved: boolean;
  /** After a remove + reinsert, SCardEndTransaction answers SCARD_W_RESET_CARD, not REMOVED (High Sierra on). */
  readonly endTransactionResetForRemoved: boolean;
  /** SCardControl fails with SCARD_E_NOT_TRANSACTED (macOS 14.0 to 14.2). */
  readonly controlNotTransacted: boolean;
  /** After another application powered the card off, SCardBeginTransaction answers UNPOWERED, not RESET (El Capitan on). */
  readonly beginTransactionUnpoweredForReset?: boolean;
}

/** Everything that makes one simulated platform differ from another. */
export interface SimulatorPersonality {
  /** The personality's name, e.g. 'darwin-15'. */
  readonly name: string;
  /** The platform its drivers report. */
  readonly platform: DriverPlatform;
  /** The SCard* calls its drivers offer. */
  readonly capabilities: DriverCapabilities;
  /** pcsc-lite lists readers as 'Name 00 00' (driver index, slot); Apple's service lists 'Name'. */
  readonly numberedReaderNames: boolean;
  /** Which known platform bugs it reproduces. */
  readonly bugs: SimulatedBugs;
  /** Absent on personalities written before these hooks: every flag off. */
  readonly codeBugs?: SimulatedCodeBugs;
}
