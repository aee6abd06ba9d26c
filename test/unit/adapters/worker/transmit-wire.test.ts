import {
  encodeTransmitReply,
  encodeTransmitRequest,
  isByteOutcome,
  isTransmitReply,
  isTransmitRequest,
  transmitCommand,
  transmitOutcome,
} from '../../../../src/adapters/worker/transmit-wire';
import type { CallRequest, TransmitReply, WorkerMessage } from '../../../../src/adapters/worker/worker-protocol';
import { SCARD_E_TIMEOUT, SCARD_S_SUCCESS, SCARD_W_RESET_CARD } from '../../../../src/driver/return-codes';
import { fail, succeed } from '../../../../src/driver/pcsc-driver';
import { valueOf } from '../../../fixtures/seed';

/** Through JSON, as Node's IPC channel carries it. */
const overChannel = <T>(message: T): T => JSON.parse(JSON.stringify(message)) as T;

describe('lean transmit messages', () => {
  it('carry the command to the worker, also when it is a view into a larger buffer', () => {
    const backing = Uint8Array.of(0xff, 0x80, 0x34, 0x00, 0x0e, 0x0e, 0xff);
    const request = overChannel(encodeTransmitRequest(7, 3, 2, backing.subarray(1, 6)));
    expect(request.slice(0, 4)).toEqual([7, 'transmit', 3, 2]);
    expect(isTransmitRequest(request)).toBe(true);
    const command = transmitCommand(request);
    expect(Array.from(command)).toEqual([0x80, 0x34, 0x00, 0x0e, 0x0e]);
    expect(Buffer.isBuffer(command)).toBe(false);
    expect(command.buffer.byteLength).toBe(5);
  });

  it('carry a named receive buffer length, and none when the caller named none', () => {
    const named = overChannel(encodeTransmitRequest(7, 3, 2, Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00), 10));
    expect(isTransmitRequest(named)).toBe(true);
    expect(named[5]).toBe(10);
    expect(overChannel(encodeTransmitRequest(8, 3, 2, Uint8Array.of(0)))).toHaveLength(5);
  });

  it('are told apart from the generic call shape', () => {
    const generic: CallRequest = [8, 'transmit', [3, 2, { $b: 'gDQADg4=' }]];
    const control: CallRequest = [9, 'control', [3, 1, 2, 3]];
    expect(isTransmitRequest(generic)).toBe(false);
    expect(isTransmitRequest(control)).toBe(false);
    const replies: WorkerMessage[] = [[1, true, fail(0)], [1, false, { name: 'Error', message: 'x' }], { failed: { name: 'Error', message: 'no driver' } }];
    expect(replies.map(isTransmitReply)).toEqual([false, false, false]);
    expect(isTransmitReply([1, SCARD_S_SUCCESS, null])).toBe(true);
  });

  it('bring the answer back as a plain Uint8Array of its own', () => {
    const response = Buffer.from('000102030405060708090a0b0c0d9000', 'hex');
    const reply = overChannel(encodeTransmitReply(7, succeed(response)));
    expect(isTransmitReply(reply)).toBe(true);
    const outcome = transmitOutcome(reply);
    expect(outcome.rc).toBe(SCARD_S_SUCCESS);
    expect(Buffer.from(valueOf(outcome)).toString('hex')).toBe('000102030405060708090a0b0c0d9000');
    expect(Buffer.isBuffer(outcome.value)).toBe(false);
    expect(outcome.value?.byteOffset).toBe(0);
  });

  it('keep an empty answer apart from no answer, and failures without a value', () => {
    expect(transmitOutcome(overChannel(encodeTransmitReply(1, succeed(new Uint8Array(0)))))).toEqual(succeed(new Uint8Array(0)));
    const failed: TransmitReply = overChannel(encodeTransmitReply(2, fail(SCARD_W_RESET_CARD)));
    expect(failed).toEqual([2, SCARD_W_RESET_CARD, null]);
    expect(transmitOutcome(failed)).toEqual(fail(SCARD_W_RESET_CARD));
    expect(transmitOutcome([3, SCARD_E_TIMEOUT, null])).toEqual(fail(SCARD_E_TIMEOUT));
  });

  it('are only used for outcomes they can carry', () => {
    expect(isByteOutcome({ rc: 0, value: Uint8Array.of(0x90, 0x00) })).toBe(true);
    expect(isByteOutcome(fail(SCARD_W_RESET_CARD))).toBe(true);
    expect(isByteOutcome({ rc: 0, value: [0x90, 0x00] })).toBe(false);
    expect(isByteOutcome({ value: Uint8Array.of(0x90, 0x00) })).toBe(false);
    expect(isByteOutcome(undefined)).toBe(false);
  });
});
