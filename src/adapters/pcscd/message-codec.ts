import { endianness } from 'node:os';
import { PcscdProtocolError } from './pcscd-protocol-error';
import { replyStep, type ReplyStep } from './service-socket';
import { ATTRIBUTE_SIZE, AttribField, Command, ConnectField, HEADER_SIZE, MAX_DATA_SIZE, READER_NAME_SIZE, StructSize, type CommandCode } from './wire-layout';

/**
 * Requests as the bytes pcscd reads and replies as steps that read them back. Each request is one
 * buffer (header, struct and any payload) so it goes out in one write.
 */

const LITTLE = endianness() === 'LE';

export function writeU32(buffer: Buffer, offset: number, value: number): void {
  if (LITTLE) buffer.writeUInt32LE(value >>> 0, offset);
  else buffer.writeUInt32BE(value >>> 0, offset);
}

export function readU32(buffer: Buffer, offset: number): number {
  return LITTLE ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset);
}

export function readI32(buffer: Buffer, offset: number): number {
  return LITTLE ? buffer.readInt32LE(offset) : buffer.readInt32BE(offset);
}

/**
 * A zeroed request of `structSize` bytes (plus `payload` bytes after it) with its header filled in.
 * Small ones are slices of Node's shared buffer pool rather than buffers of their own: a request is
 * written once and dropped, and a transmit makes one per command.
 */
function frame(command: CommandCode, structSize: number, payload = 0): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_SIZE + structSize + payload).fill(0);
  writeU32(buffer, 0, structSize);
  writeU32(buffer, 4, command);
  return buffer;
}

/** A request of consecutive u32 fields. */
function fields(command: CommandCode, structSize: number, values: readonly number[]): Buffer {
  const buffer = frame(command, structSize);
  values.forEach((value, index) => writeU32(buffer, HEADER_SIZE + 4 * index, value));
  return buffer;
}

/** A reply whose last u32 is rv and whose other fields the caller does not need. */
function rvAt(size: number): ReplyStep<number> {
  return replyStep(size, (bytes) => readU32(bytes, size - 4));
}

// -- version, contexts ---------------------------------------------------------------------------

export interface VersionReply {
  readonly major: number;
  readonly minor: number;
  readonly rv: number;
}

export const versionRequest = (major: number, minor: number): Buffer => fields(Command.VERSION, StructSize.VERSION, [major, minor, 0]);
export const versionReply: ReplyStep<VersionReply> = replyStep(StructSize.VERSION, (bytes) => ({
  major: readI32(bytes, 0),
  minor: readI32(bytes, 4),
  rv: readU32(bytes, 8),
}));

export const establishRequest = (scope: number): Buffer => fields(Command.ESTABLISH_CONTEXT, StructSize.ESTABLISH_CONTEXT, [scope, 0, 0]);
export const establishReply: ReplyStep<{ readonly context: number; readonly rv: number }> = replyStep(StructSize.ESTABLISH_CONTEXT, (bytes) => ({
  context: readU32(bytes, 4),
  rv: readU32(bytes, 8),
}));

export const releaseRequest = (context: number): Buffer => fields(Command.RELEASE_CONTEXT, StructSize.RELEASE_CONTEXT, [context, 0]);
export const releaseReply = rvAt(StructSize.RELEASE_CONTEXT);

export const cancelRequest = (context: number): Buffer => fields(Command.CANCEL, StructSize.CANCEL, [context, 0]);
export const cancelReply = rvAt(StructSize.CANCEL);

// -- cards ---------------------------------------------------------------------------------------

export interface ConnectReply {
  readonly handle: number;
  readonly protocol: number;
  readonly rv: number;
}

/** `reader` is the name's UTF-8 bytes, at most READER_NAME_SIZE - 1 (checked by the caller). */
export function connectRequest(context: number, reader: Uint8Array, shareMode: number, protocols: number): Buffer {
  const buffer = frame(Command.CONNECT, StructSize.CONNECT);
  writeU32(buffer, HEADER_SIZE + ConnectField.context, context);
  buffer.set(reader, HEADER_SIZE + ConnectField.reader);
  writeU32(buffer, HEADER_SIZE + ConnectField.shareMode, shareMode);
  writeU32(buffer, HEADER_SIZE + ConnectField.protocols, protocols);
  return buffer;
}
export const connectReply: ReplyStep<ConnectReply> = replyStep(StructSize.CONNECT, (bytes) => ({
  handle: readU32(bytes, ConnectField.handle),
  protocol: readU32(bytes, ConnectField.activeProtocol),
  rv: readU32(bytes, ConnectField.rv),
}));

export const reconnectRequest = (handle: number, shareMode: number, protocols: number, initialization: number): Buffer =>
  fields(Command.RECONNECT, StructSize.RECONNECT, [handle, shareMode, protocols, initialization, 0, 0]);
export const reconnectReply: ReplyStep<{ readonly protocol: number; readonly rv: number }> = replyStep(StructSize.RECONNECT, (bytes) => ({
  protocol: readU32(bytes, 16),
  rv: readU32(bytes, 20),
}));

export const disconnectRequest = (handle: number, disposition: number): Buffer => fields(Command.DISCONNECT, StructSize.DISCONNECT, [handle, disposition, 0]);
export const disconnectReply = rvAt(StructSize.DISCONNECT);

export const beginRequest = (handle: number): Buffer => fields(Command.BEGIN_TRANSACTION, StructSize.BEGIN_TRANSACTION, [handle, 0]);
export const beginReply = rvAt(StructSize.BEGIN_TRANSACTION);

export const endRequest = (handle: number, disposition: number): Buffer =>
  fields(Command.END_TRANSACTION, StructSize.END_TRANSACTION, [handle, disposition, 0]);
export const endReply = rvAt(StructSize.END_TRANSACTION);

export const statusRequest = (handle: number): Buffer => fields(Command.STATUS, StructSize.STATUS, [handle, 0]);
export const statusReply = rvAt(StructSize.STATUS);

/** The answer of a TRANSMIT or CONTROL: rv and, when rv is 0, the data. */
export interface DataReply {
  readonly rv: number;
  readonly data: Uint8Array | undefined;
}

const NO_DATA = new Uint8Array(0);

/** Reads `length` data bytes after a successful struct; the length was checked against what was offered. */
function dataAfter(rv: number, length: number, offered: number, what: string): DataReply | ReplyStep<DataReply> {
  if (rv !== 0) return { rv, data: undefined };
  if (length > offered || length > MAX_DATA_SIZE) {
    throw new PcscdProtocolError(`pcscd announced a ${length}-byte ${what} answer for a ${offered}-byte buffer.`);
  }
  if (length === 0) return { rv, data: NO_DATA };
  // A copy of its own: the bytes may sit in a chunk the socket reuses.
  return replyStep(length, (bytes) => ({ rv, data: new Uint8Array(bytes) }));
}

/** TRANSMIT: the struct, then the command bytes, in one buffer. The receive PCI is left to pcscd (SCARD_PROTOCOL_ANY, 8 bytes), as libpcsclite does when none is given. */
export function transmitRequest(handle: number, protocol: number, command: Uint8Array, receiveLength: number): Buffer {
  const buffer = frame(Command.TRANSMIT, StructSize.TRANSMIT, command.length);
  const base = HEADER_SIZE;
  writeU32(buffer, base, handle);
  writeU32(buffer, base + 4, protocol);
  writeU32(buffer, base + 8, 8);
  writeU32(buffer, base + 12, command.length);
  writeU32(buffer, base + 16, 0x3);
  writeU32(buffer, base + 20, 8);
  writeU32(buffer, base + 24, receiveLength);
  buffer.set(command, base + StructSize.TRANSMIT);
  return buffer;
}
export function transmitReply(receiveLength: number): ReplyStep<DataReply> {
  return replyStep(StructSize.TRANSMIT, (bytes) => dataAfter(readU32(bytes, 28), readU32(bytes, 24), receiveLength, 'TRANSMIT'));
}

export function controlRequest(handle: number, controlCode: number, data: Uint8Array, receiveLength: number): Buffer {
  const buffer = frame(Command.CONTROL, StructSize.CONTROL, data.length);
  writeU32(buffer, HEADER_SIZE, handle);
  writeU32(buffer, HEADER_SIZE + 4, controlCode);
  writeU32(buffer, HEADER_SIZE + 8, data.length);
  writeU32(buffer, HEADER_SIZE + 12, receiveLength);
  buffer.set(data, HEADER_SIZE + StructSize.CONTROL);
  return buffer;
}
export function controlReply(receiveLength: number): ReplyStep<DataReply> {
  return replyStep(StructSize.CONTROL, (bytes) => dataAfter(readU32(bytes, 20), readU32(bytes, 16), receiveLength, 'CONTROL'));
}

/** GET_ATTRIB offers the whole attribute buffer; SET_ATTRIB carries the value. */
export function attribRequest(command: typeof Command.GET_ATTRIB | typeof Command.SET_ATTRIB, handle: number, id: number, value?: Uint8Array): Buffer {
  const buffer = frame(command, StructSize.GET_SET_ATTRIB);
  writeU32(buffer, HEADER_SIZE + AttribField.handle, handle);
  writeU32(buffer, HEADER_SIZE + AttribField.id, id);
  if (value) buffer.set(value, HEADER_SIZE + AttribField.value);
  writeU32(buffer, HEADER_SIZE + AttribField.length, value ? value.length : ATTRIBUTE_SIZE);
  return buffer;
}
export const attribReply: ReplyStep<DataReply> = replyStep(StructSize.GET_SET_ATTRIB, (bytes) => {
  const rv = readU32(bytes, AttribField.rv);
  if (rv !== 0) return { rv, data: undefined };
  const length = readU32(bytes, AttribField.length);
  if (length > ATTRIBUTE_SIZE) throw new PcscdProtocolError(`pcscd announced a ${length}-byte attribute; the buffer holds ${ATTRIBUTE_SIZE}.`);
  return { rv, data: new Uint8Array(bytes.subarray(AttribField.value, AttribField.value + length)) };
});

// -- reader states -------------------------------------------------------------------------------

export const getReadersStateRequest = (): Buffer => frame(Command.GET_READERS_STATE, 0);
export const waitRequest = (): Buffer => frame(Command.WAIT_READER_STATE_CHANGE, 0);
export const stopWaitingRequest = (): Buffer => frame(Command.STOP_WAITING_READER_STATE_CHANGE, 0);
export const readerEventsRequest = (): Buffer => frame(Command.GET_READER_EVENTS, 0);
export const readersStateSizeRequest = (): Buffer => frame(Command.GET_READERS_STATE_SIZE, 0);
export const readersStateArrayRequest = (): Buffer => frame(Command.GET_READERS_STATE_ARRAY, 0);

/** WAIT's push, STOP_WAITING's answer: `{timeOut, rv}`. */
export const waitNotice: ReplyStep<number> = rvAt(StructSize.WAIT_NOTICE);

export const readerEventsReply: ReplyStep<{ readonly events: number; readonly rv: number }> = replyStep(StructSize.READER_EVENTS, (bytes) => ({
  events: readU32(bytes, 0),
  rv: readU32(bytes, 4),
}));

export const readersStateSizeReply: ReplyStep<number> = replyStep(StructSize.READERS_STATE_SIZE, (bytes) => readI32(bytes, 0));

/** The UTF-8 bytes of a reader name, or undefined when it does not fit pcscd's 128 bytes. */
export function readerNameBytes(name: string): Uint8Array | undefined {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length >= READER_NAME_SIZE || bytes.includes(0)) return undefined;
  return bytes;
}
