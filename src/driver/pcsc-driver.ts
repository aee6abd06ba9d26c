/**
 * The driver port: one small interface modelled on the SCard* calls.
 * Every call resolves (never rejects for a PC/SC failure) with the SCARD_* return code;
 * turning codes into typed errors is the core layer's job.
 */

export type ContextId = number;
export type HandleId = number;

/** The operating system a driver stands for (real adapters: this process's OS). */
export interface DriverPlatform {
  readonly os: 'linux' | 'darwin' | 'win32' | 'other';
  /** `os.release()` of the platform, e.g. '15.6.0' for El Capitan. */
  readonly release: string;
  /** True when this process was created by fork() without exec from one that used PC/SC. */
  readonly forkedChild?: boolean;
}

/** Which SCard* calls a driver really has. A missing call answers SCARD_E_UNSUPPORTED_FEATURE. */
export interface DriverCapabilities {
  readonly status: boolean;
  readonly reconnect: boolean;
  readonly transactions: boolean;
  readonly control: boolean;
  readonly cancel: boolean;
  /** `\\?PnP?\Notification` pseudo-reader in getStatusChange. */
  readonly pnpNotification: boolean;
  /** Event counter in the upper 16 bits of dwEventState. */
  readonly eventCounter: boolean;
  /** Several handles on one reader from one application. */
  readonly multipleHandlesPerReader: boolean;
}

/**
 * The result of a port call that yields a value: `ok` narrows it. `rc` is the SCARD_* code on both
 * arms (SCARD_S_SUCCESS when `ok`), so a caller can pass it on without looking. Build one with
 * `succeed` / `fail`.
 */
export type Outcome<T> =
  | { readonly ok: true; readonly rc: 0; readonly value: T }
  | { readonly ok: false; readonly rc: number; readonly value?: undefined };

/** A successful outcome carrying `value`. */
export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, rc: 0, value };
}

/** A failed outcome with the SCARD_* code `rc` (never SCARD_S_SUCCESS). */
export function fail<T = never>(rc: number): Outcome<T> {
  return { ok: false, rc };
}

export interface ReaderStateQuery {
  readonly reader: string;
  /** What the caller believes (SCARD_STATE_* bits, event counter in the upper 16 bits). */
  readonly currentState: number;
}

export interface ReaderStateResult {
  readonly reader: string;
  readonly currentState: number;
  readonly eventState: number;
  readonly atr: Uint8Array;
}

export interface ConnectResult {
  readonly handle: HandleId;
  readonly protocol: number;
}

export interface CardStatusResult {
  readonly reader: string;
  /** SCARD_ABSENT / SCARD_PRESENT / SCARD_POWERED / SCARD_NEGOTIABLE / SCARD_SPECIFIC bits. */
  readonly state: number;
  readonly protocol: number;
  readonly atr: Uint8Array;
}

export interface PcscDriver {
  /** 'pcsclite', 'smartcard', 'simulated', 'worker', or a decorator's name around one of them. */
  readonly name: string;
  readonly platform: DriverPlatform;
  readonly capabilities: DriverCapabilities;

  establishContext(): Promise<Outcome<ContextId>>;
  releaseContext(context: ContextId): Promise<number>;
  listReaders(context: ContextId): Promise<Outcome<readonly string[]>>;
  /** Waits until a reader's state differs from currentState, or timeoutMs (SCARD_E_TIMEOUT). */
  getStatusChange(
    context: ContextId,
    readers: readonly ReaderStateQuery[],
    timeoutMs: number,
  ): Promise<Outcome<readonly ReaderStateResult[]>>;
  /** Ends a pending getStatusChange on this context with SCARD_E_CANCELLED. */
  cancel(context: ContextId): Promise<number>;

  connect(
    context: ContextId,
    reader: string,
    shareMode: number,
    preferredProtocols: number,
  ): Promise<Outcome<ConnectResult>>;
  reconnect(
    handle: HandleId,
    shareMode: number,
    preferredProtocols: number,
    initialization: number,
  ): Promise<Outcome<number>>;
  status(handle: HandleId): Promise<Outcome<CardStatusResult>>;
  /**
   * `receiveLength` is the receive buffer offered (pcbRecvLength); by default the largest answer the
   * command allows (see defaultReceiveLength). A longer answer is SCARD_E_INSUFFICIENT_BUFFER.
   */
  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>>;
  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>>;
  beginTransaction(handle: HandleId): Promise<number>;
  endTransaction(handle: HandleId, disposition: number): Promise<number>;
  disconnect(handle: HandleId, disposition: number): Promise<number>;

  /** Frees what the driver holds (threads, sockets, worker processes). */
  dispose(): Promise<void>;
}
