/**
 * The driver port: one small interface modelled on the SCard* calls. The adapters that implement
 * it live in src/adapters/; the composition root (src/compose/) chooses one and hands it to core.
 *
 * Every call resolves with the SCARD_* return code, also when PC/SC fails: an adapter never
 * rejects for a PC/SC failure, since turning codes into typed errors is the core layer's job,
 * done once in one table. A call rejects only for a condition of the library itself, and
 * only where a method's doc says so (a LibraryError: the fork guard's ForkedContextError, the
 * worker driver's WorkerCrashedError, TimeoutError and ClosedError). A call the driver does not
 * have (see DriverCapabilities) answers SCARD_E_UNSUPPORTED_FEATURE. Any call may also answer
 * SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED or SCARD_F_COMM_ERROR when the service goes away.
 * An exchange with the service that breaks (the link fails, a reply stops half-way past the
 * driver's bound, or a reply breaks the protocol) is SCARD_F_COMM_ERROR in libpcsclite's terms
 * and answers SCARD_E_NO_SERVICE, as for a service gone; it never rejects.
 */

import type { UsbDevice } from './usb-devices';

/** An SCARDCONTEXT as the driver numbers it. */
export type ContextId = number;
/** An SCARDHANDLE (one card connection) as the driver numbers it. */
export type HandleId = number;

/** The operating system a driver stands for (real adapters: this process's OS). */
export interface DriverPlatform {
  /** The OS family, as `process.platform` names it ('other' for the rest). */
  readonly os: 'linux' | 'darwin' | 'win32' | 'other';
  /** `os.release()` of the platform, e.g. '15.6.0' for El Capitan. */
  readonly release: string;
  /** True when this process was created by fork() without exec from one that used PC/SC. */
  readonly forkedChild?: boolean;
}

/** Which SCard* calls a driver really has. A missing call answers SCARD_E_UNSUPPORTED_FEATURE. */
export interface DriverCapabilities {
  /** SCardStatus. */
  readonly status: boolean;
  /** SCardReconnect. */
  readonly reconnect: boolean;
  /** SCardBeginTransaction / SCardEndTransaction. */
  readonly transactions: boolean;
  /** SCardControl. */
  readonly control: boolean;
  /** SCardCancel. */
  readonly cancel: boolean;
  /** `\\?PnP?\Notification` pseudo-reader in getStatusChange. */
  readonly pnpNotification: boolean;
  /** Event counter in the upper 16 bits of dwEventState. */
  readonly eventCounter: boolean;
  /** Several handles on one reader from one application. */
  readonly multipleHandlesPerReader: boolean;
}

/** Every SCard* call present: what pcsc-lite and WinSCard themselves offer. */
export const FULL_CAPABILITIES: DriverCapabilities = {
  status: true,
  reconnect: true,
  transactions: true,
  control: true,
  cancel: true,
  pnpNotification: true,
  eventCounter: true,
  multipleHandlesPerReader: true,
};

/**
 * The result of a port call that yields a value: `ok` narrows it. `rc` is the SCARD_* code on both
 * arms (SCARD_S_SUCCESS when `ok`), so a caller can pass it on without looking. Build one with
 * `succeed` / `fail`.
 */
export type Outcome<T> =
  | {
      /** The call succeeded. */
      readonly ok: true;
      /** SCARD_S_SUCCESS. */
      readonly rc: 0;
      /** What the call yields. */
      readonly value: T;
    }
  | {
      /** The call failed. */
      readonly ok: false;
      /** The SCARD_* code it failed with. */
      readonly rc: number;
      /** No value on failure. */
      readonly value?: undefined;
    };

/** A successful outcome carrying `value`. */
export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, rc: 0, value };
}

/** A failed outcome with the SCARD_* code `rc` (never SCARD_S_SUCCESS). */
export function fail<T = never>(rc: number): Outcome<T> {
  return { ok: false, rc };
}

/** One reader of a getStatusChange call (SCARD_READERSTATE in). */
export interface ReaderStateQuery {
  /** The reader's PC/SC name (or the PnP pseudo-reader). */
  readonly reader: string;
  /** What the caller believes (SCARD_STATE_* bits, event counter in the upper 16 bits). */
  readonly currentState: number;
}

/** One reader as getStatusChange answers (SCARD_READERSTATE out). */
export interface ReaderStateResult {
  /** The reader's PC/SC name. */
  readonly reader: string;
  /** The state the caller passed in. */
  readonly currentState: number;
  /** The reader's state now: SCARD_STATE_* bits, SCARD_STATE_CHANGED when it differs, event counter in the upper 16 bits. */
  readonly eventState: number;
  /** The ATR of the card in the reader (empty when none). */
  readonly atr: Uint8Array;
}

/** How the caller of transmitBatch steers it while it runs. */
export interface BatchControl {
  /** Asked before each command is written: true means the caller gave up, so nothing more is written. */
  readonly stopped: () => boolean;
  /**
   * Told of each successful answer as it arrives, before the batch resolves, as long as no
   * command of the batch failed before it (`index` counts from the batch's first command): a
   * caller that stops waiting keeps the answers that came in.
   */
  readonly answered?: (index: number, answer: Uint8Array) => void;
}

/** What SCardConnect gives. */
export interface ConnectResult {
  /** The new card handle. */
  readonly handle: HandleId;
  /** The SCARD_PROTOCOL_* the card uses. */
  readonly protocol: number;
}

/** What SCardStatus gives. */
export interface CardStatusResult {
  /** The reader's PC/SC name. */
  readonly reader: string;
  /** SCARD_ABSENT / SCARD_PRESENT / SCARD_POWERED / SCARD_NEGOTIABLE / SCARD_SPECIFIC bits. */
  readonly state: number;
  /** The SCARD_PROTOCOL_* in use. */
  readonly protocol: number;
  /** The card's Answer To Reset. */
  readonly atr: Uint8Array;
}

/**
 * Conditions of the library a call may reject with, on top of any call's codes:
 * - a fork guard (a decorator) rejects with ForkedContextError for a context or handle used
 *   from a process other than the one that made it, before the call reaches the driver below;
 * - the worker driver rejects every pending call with WorkerCrashedError when its process dies,
 *   with TimeoutError when a call outlives `callTimeoutMs`, and with ClosedError after dispose().
 * No other decorator or adapter may reject for a PC/SC outcome.
 */
export interface PcscDriver {
  /** 'pcscd', 'pcsclite', 'smartcard', 'simulated', 'worker', or a decorator's name around one of them. */
  readonly name: string;
  /** The operating system the driver stands for; the quirk profile is decided from it. */
  readonly platform: DriverPlatform;
  /** Which SCard* calls the driver really has; the others answer SCARD_E_UNSUPPORTED_FEATURE. */
  readonly capabilities: DriverCapabilities;

  /**
   * Wraps `SCardEstablishContext` (system scope). May answer SCARD_E_NO_SERVICE (no pcscd),
   * SCARD_E_NO_MEMORY. A fork guard rejects here in a forked child where the platform
   * cannot give it a context (OS X El Capitan).
   */
  establishContext(): Promise<Outcome<ContextId>>;
  /**
   * Wraps `SCardReleaseContext`. Ends the context's pending getStatusChange (SCARD_E_CANCELLED)
   * and, as pcscd does, disconnects the handles made through it: an adapter must not leave them
   * open, and a decorator keeping per-handle state must forget them here. May answer
   * SCARD_E_INVALID_HANDLE for an unknown or already released context.
   */
  releaseContext(context: ContextId): Promise<number>;
  /**
   * Wraps `SCardListReaders` (all groups). No reader is SCARD_E_NO_READERS_AVAILABLE, never
   * an empty list. May answer SCARD_E_INVALID_HANDLE.
   */
  listReaders(context: ContextId): Promise<Outcome<readonly string[]>>;
  /**
   * Wraps `SCardGetStatusChange`: waits until the state of one of `readers` differs from its
   * `currentState`, or `timeoutMs` passes (SCARD_E_TIMEOUT; 0 answers at once, SCARD_INFINITE
   * waits for ever). The results come in the order of `readers`. May answer SCARD_E_CANCELLED
   * (cancel() or releaseContext()), SCARD_E_UNKNOWN_READER, SCARD_E_INVALID_HANDLE. An adapter
   * must not block the event loop while waiting.
   */
  getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>>;
  /** Wraps `SCardCancel`: ends a pending getStatusChange on this context with SCARD_E_CANCELLED. */
  cancel(context: ContextId): Promise<number>;

  /**
   * Wraps `SCardConnect`. May answer SCARD_E_SHARING_VIOLATION (another application holds the
   * card exclusively), SCARD_E_PROTO_MISMATCH (the card speaks none of `preferredProtocols`),
   * SCARD_E_NO_SMARTCARD, SCARD_W_UNRESPONSIVE_CARD, SCARD_W_UNPOWERED_CARD,
   * SCARD_E_UNKNOWN_READER, SCARD_E_READER_UNAVAILABLE. The protocol is 0 for a direct connection
   * to an empty reader.
   */
  connect(context: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>>;
  /**
   * Wraps `SCardReconnect`; the value is the protocol now active. `initialization`
   * SCARD_RESET_CARD / SCARD_UNPOWER_CARD resets the card for every application, which then
   * receive SCARD_W_RESET_CARD once. May answer the codes of connect(), and
   * SCARD_E_UNSUPPORTED_FEATURE where `capabilities.reconnect` is false.
   */
  reconnect(handle: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>>;
  /**
   * Wraps `SCardStatus`. May answer SCARD_W_RESET_CARD (reset by another application, reported
   * until this handle reconnects), SCARD_W_REMOVED_CARD, SCARD_E_INVALID_HANDLE, and
   * SCARD_E_UNSUPPORTED_FEATURE where `capabilities.status` is false.
   */
  status(handle: HandleId): Promise<Outcome<CardStatusResult>>;
  /**
   * Wraps `SCardTransmit` with the PCI of `protocol`. `receiveLength` is the receive buffer
   * offered (pcbRecvLength); by default the largest answer the command allows (see
   * defaultReceiveLength). A longer answer is SCARD_E_INSUFFICIENT_BUFFER, and then the command
   * has already been executed by the card. May answer SCARD_W_RESET_CARD, SCARD_W_REMOVED_CARD,
   * SCARD_E_NOT_TRANSACTED, SCARD_E_PROTO_MISMATCH, SCARD_E_INVALID_HANDLE. The answer is the
   * response data followed by SW1 SW2; an adapter must hand over a copy the caller may keep.
   */
  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>>;
  /**
   * Several independent SCardTransmits to one handle, with the default receive buffer each, the
   * outcomes in the order of `commands`. Optional: a driver that cannot overlap commands leaves it
   * out and callers use transmitBatchOf(), which sends them one after the other.
   *
   * The outcomes are those of a prefix of `commands`: the batch ends once a command failed, or
   * when `control.stopped()` answers true before a command is written (then possibly with no
   * outcome at all); the caller sends the rest again if it wants them. A driver that writes
   * several requests before the first answer (the 'pcscd' driver) also reads the answers of those
   * already written past a failure, since the service runs them: those outcomes come after the
   * failure's. No command is written after a failure has been read, and answers never change order.
   */
  transmitBatch?(handle: HandleId, protocol: number, commands: readonly Uint8Array[], control: BatchControl): Promise<readonly Outcome<Uint8Array>[]>;
  /**
   * Wraps `SCardControl` (`controlCode` as the platform numbers it, e.g. SCARD_CTL_CODE(3400)
   * for GET_FEATURE_REQUEST on pcsc-lite). May answer SCARD_E_UNSUPPORTED_FEATURE,
   * SCARD_E_NOT_TRANSACTED, SCARD_E_INSUFFICIENT_BUFFER.
   */
  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>>;
  /**
   * Wraps `SCardGetAttrib`: the reader's or card's attribute `attributeId` (an SCARD_ATTR_*
   * value), at most 264 bytes. May answer SCARD_E_UNSUPPORTED_FEATURE (the reader driver, or an
   * adapter without the call), SCARD_E_INSUFFICIENT_BUFFER, SCARD_E_INVALID_HANDLE.
   */
  getAttribute(handle: HandleId, attributeId: number): Promise<Outcome<Uint8Array>>;
  /**
   * Wraps `SCardSetAttrib` (at most 264 bytes, else SCARD_E_INSUFFICIENT_BUFFER before anything
   * is sent). Codes as getAttribute(); pcscd answers a reader driver's refusal with SCARD_E_NOT_TRANSACTED.
   */
  setAttribute(handle: HandleId, attributeId: number, value: Uint8Array): Promise<number>;
  /**
   * Wraps `SCardBeginTransaction`: waits while another application's transaction holds the
   * card, without blocking the event loop. May answer SCARD_W_RESET_CARD, SCARD_W_REMOVED_CARD,
   * SCARD_E_SHARING_VIOLATION, SCARD_E_UNSUPPORTED_FEATURE (no `capabilities.transactions`).
   */
  beginTransaction(handle: HandleId): Promise<number>;
  /** Wraps `SCardEndTransaction`; `disposition` says what happens to the card. Codes as beginTransaction(). */
  endTransaction(handle: HandleId, disposition: number): Promise<number>;
  /**
   * Wraps `SCardDisconnect`. May answer SCARD_E_INVALID_HANDLE (already disconnected, or
   * its context released). A decorator keeping per-handle state forgets the handle here.
   */
  disconnect(handle: HandleId, disposition: number): Promise<number>;

  /**
   * The reader devices the platform sees on the USB bus, whether or not PC/SC could start
   * them: how a diagnosis finds a reader PC/SC never lists. Optional; a decorator forwards it
   * when the driver below has it.
   */
  usbDevices?(): Promise<readonly UsbDevice[]>;

  /** Frees what the driver holds (threads, sockets, worker processes); no call may follow. */
  dispose(): Promise<void>;
}
