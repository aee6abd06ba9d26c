import type { Outcome } from '../../pcsc-driver';
import { SCARD_S_SUCCESS } from '../../return-codes';
import type { TransmitReply, TransmitRequest, WorkerMessage, WorkerRequest } from './worker-protocol';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A plain Uint8Array of its own: Buffer.from() may return a slice of a shared pool. */
function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function encodeTransmitRequest(id: number, handle: number, protocol: number, command: Uint8Array): TransmitRequest {
  return [id, 'transmit', handle, protocol, base64(command)];
}

export function isTransmitRequest(request: WorkerRequest): request is TransmitRequest {
  return request.length === 5 && request[1] === 'transmit';
}

export function transmitCommand(request: TransmitRequest): Uint8Array {
  return fromBase64(request[4]);
}

/** An outcome the lean reply can carry: a numeric rc and, if any, a Uint8Array value. */
export function isByteOutcome(outcome: unknown): outcome is Outcome<Uint8Array> {
  if (typeof outcome !== 'object' || outcome === null || !('rc' in outcome) || typeof outcome.rc !== 'number') return false;
  const value: unknown = 'value' in outcome ? outcome.value : undefined;
  return value === undefined || value instanceof Uint8Array;
}

export function encodeTransmitReply(id: number, outcome: Outcome<Uint8Array>): TransmitReply {
  return [id, outcome.rc, outcome.value === undefined ? null : base64(outcome.value)];
}

export function isTransmitReply(message: WorkerMessage): message is TransmitReply {
  return Array.isArray(message) && typeof message[1] === 'number';
}

export function transmitOutcome([, rc, response]: TransmitReply): Outcome<Uint8Array> {
  if (rc === SCARD_S_SUCCESS && response !== null) return { rc, value: fromBase64(response) };
  return { rc };
}
