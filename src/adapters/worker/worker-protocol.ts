import type { TransmitCheck } from '../../driver/guarded-transmit';
import type { DriverCapabilities, DriverPlatform, PcscDriver } from '../../driver/pcsc-driver';

/**
 * The PcscDriver calls a worker answers (dispose is the IPC channel closing). A batch is not one of
 * them: its commands cross one at a time, as the worker's bindings send them anyway.
 */
export type DriverMethod = Exclude<keyof PcscDriver, 'name' | 'platform' | 'capabilities' | 'dispose' | 'usbDevices' | 'transmitBatch'>;

export type MethodArgs<M extends DriverMethod> = Parameters<PcscDriver[M]>;
export type MethodResult<M extends DriverMethod> = Awaited<ReturnType<PcscDriver[M]>>;

/** Each method's SCard* name, for error messages. */
export const SCARD_CALL_NAMES: Readonly<Record<DriverMethod, string>> = {
  establishContext: 'SCardEstablishContext',
  releaseContext: 'SCardReleaseContext',
  listReaders: 'SCardListReaders',
  getStatusChange: 'SCardGetStatusChange',
  cancel: 'SCardCancel',
  connect: 'SCardConnect',
  reconnect: 'SCardReconnect',
  status: 'SCardStatus',
  transmit: 'SCardTransmit',
  control: 'SCardControl',
  getAttribute: 'SCardGetAttrib',
  setAttribute: 'SCardSetAttrib',
  beginTransaction: 'SCardBeginTransaction',
  endTransaction: 'SCardEndTransaction',
  disconnect: 'SCardDisconnect',
};

export function isDriverMethod(value: unknown): value is DriverMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SCARD_CALL_NAMES, value);
}

/** An error as it crosses the process boundary. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: number;
  readonly codeName?: string;
  readonly returnCode?: number;
  readonly call?: string;
  readonly driverName?: string;
}

// Tuples rather than objects: they serialise a little faster, and every call pays for it twice.
/** Parent → worker: call `method` with `args`; `id` pairs the reply. */
export type CallRequest = readonly [id: number, method: DriverMethod, args: readonly unknown[]];
/** Worker → parent: the resolved value or the rejection of request `id`. */
export type WorkerReply = readonly [id: number, ok: true, result: unknown] | readonly [id: number, ok: false, error: SerializedError];

/**
 * Parent → worker, transmit only: a flat tuple with the command as base64, so the busiest call
 * needs no walk through encodeWire/decodeWire on either side.
 */
export type TransmitRequest = readonly [id: number, method: 'transmit', handle: number, protocol: number, command: string, receiveLength?: number];
/**
 * Parent → worker: the missed-reset guard's check and, unless it refuses, the transmit, both in
 * the worker (one round trip). An event-counter check names the worker's own context.
 */
export type GuardedTransmitRequest = readonly [
  id: number,
  method: 'transmitGuarded',
  handle: number,
  protocol: number,
  command: string,
  receiveLength: number | null,
  check: TransmitCheck,
];
/**
 * Worker → parent, for a transmit whose driver call resolved: its return code and the response as
 * base64 (null when the outcome has none), and for a guarded one with an event-counter check the
 * reader's state bits it read. A rejected transmit gets the usual `[id, false, error]`.
 */
export type TransmitReply = readonly [id: number, rc: number, response: string | null, eventState?: number];

export type WorkerRequest = CallRequest | TransmitRequest | GuardedTransmitRequest;

/** Worker → parent, once: the inner driver is built. */
export interface WorkerReady {
  readonly ready: {
    readonly name: string;
    readonly platform: DriverPlatform;
    readonly capabilities: DriverCapabilities;
  };
}

/** Worker → parent, once: the inner driver could not be built. */
export interface WorkerStartFailure {
  readonly failed: SerializedError;
}

export type WorkerMessage = WorkerReply | TransmitReply | WorkerReady | WorkerStartFailure;
