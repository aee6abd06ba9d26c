import { type Outcome, fail, succeed } from '../../driver/pcsc-driver';
import { SCARD_S_SUCCESS } from '../../driver/return-codes';
import { decodeBytes, encodeBytes } from './wire-codec';
import type { GuardedTransmitResult, TransmitCheck } from '../../driver/guarded-transmit';
import type { GuardedTransmitRequest, TransmitReply, TransmitRequest, WorkerMessage, WorkerRequest } from './worker-protocol';

export function encodeTransmitRequest(id: number, handle: number, protocol: number, command: Uint8Array, receiveLength?: number): TransmitRequest {
  const bytes = encodeBytes(command);
  return receiveLength === undefined ? [id, 'transmit', handle, protocol, bytes] : [id, 'transmit', handle, protocol, bytes, receiveLength];
}

/** `check` must already name the worker's own context, if any. */
export function encodeGuardedTransmitRequest(
  id: number,
  handle: number,
  protocol: number,
  command: Uint8Array,
  receiveLength: number | undefined,
  check: TransmitCheck,
): GuardedTransmitRequest {
  return [id, 'transmitGuarded', handle, protocol, encodeBytes(command), receiveLength ?? null, check];
}

export function isGuardedTransmitRequest(request: WorkerRequest): request is GuardedTransmitRequest {
  return request[1] === 'transmitGuarded';
}

/** The generic call shape carries its arguments as an array in third place; this one a handle. */
export function isTransmitRequest(request: WorkerRequest): request is TransmitRequest {
  return request[1] === 'transmit' && typeof request[2] === 'number';
}

export function transmitCommand(request: TransmitRequest | GuardedTransmitRequest): Uint8Array {
  return decodeBytes(request[4]);
}

/** An outcome the lean reply can carry: a numeric rc and, if any, a Uint8Array value. */
export function isByteOutcome(outcome: unknown): outcome is Outcome<Uint8Array> {
  if (typeof outcome !== 'object' || outcome === null || !('rc' in outcome) || typeof outcome.rc !== 'number') return false;
  const value: unknown = 'value' in outcome ? outcome.value : undefined;
  return value === undefined || value instanceof Uint8Array;
}

export function encodeTransmitReply(id: number, outcome: Outcome<Uint8Array>, eventState?: number): TransmitReply {
  const response = outcome.value === undefined ? null : encodeBytes(outcome.value);
  return eventState === undefined ? [id, outcome.rc, response] : [id, outcome.rc, response, eventState];
}

export function isTransmitReply(message: WorkerMessage): message is TransmitReply {
  return Array.isArray(message) && typeof message[1] === 'number';
}

export function transmitOutcome([, rc, response]: TransmitReply): Outcome<Uint8Array> {
  if (rc === SCARD_S_SUCCESS && response !== null) return succeed(decodeBytes(response));
  return fail(rc);
}

export function guardedTransmitResult(reply: TransmitReply): GuardedTransmitResult {
  const outcome = transmitOutcome(reply);
  const eventState = reply[3];
  return eventState === undefined ? { outcome } : { outcome, eventState };
}
