import { readI32, readU32 } from './message-codec';
import { PcscdProtocolError } from './pcscd-protocol-error';
import { replyStep, type ReplyStep } from './service-socket';
import { ATR_LENGTH_NOT_INITIALIZED, ATR_SIZE, READER_NAME_SIZE, READER_STATE_SIZE, ReaderStateField } from './wire-layout';

/** One reader as pcscd's reader table describes it (READER_STATE). */
export interface PcscdReader {
  readonly name: string;
  readonly eventCounter: number;
  /** SCARD_ABSENT / SCARD_PRESENT / SCARD_POWERED / ... card-state bits. */
  readonly readerState: number;
  /** -1 exclusive, 0 nobody, n > 0 handles sharing it. */
  readonly sharing: number;
  readonly atr: Uint8Array;
  readonly protocol: number;
}

/** The slot's ATR length; a reader pcscd has not looked at yet has none. */
function atrLengthAt(bytes: Buffer, offset: number): number {
  const length = readU32(bytes, offset + ReaderStateField.atrLength);
  return length === ATR_LENGTH_NOT_INITIALIZED ? 0 : length;
}

function readerAt(bytes: Buffer, offset: number): PcscdReader | undefined {
  if (bytes[offset] === 0) return undefined;
  const nameEnd = bytes.indexOf(0, offset);
  if (nameEnd < 0 || nameEnd >= offset + READER_NAME_SIZE) throw new PcscdProtocolError('pcscd sent a reader name without its terminator.');
  const atrLength = atrLengthAt(bytes, offset);
  if (atrLength > ATR_SIZE) throw new PcscdProtocolError(`pcscd sent a ${atrLength}-byte ATR; an ATR has at most ${ATR_SIZE}.`);
  const atrStart = offset + ReaderStateField.atr;
  return {
    name: bytes.toString('utf8', offset, nameEnd),
    eventCounter: readU32(bytes, offset + ReaderStateField.eventCounter),
    readerState: readU32(bytes, offset + ReaderStateField.readerState),
    sharing: readI32(bytes, offset + ReaderStateField.readerSharing),
    atr: new Uint8Array(bytes.subarray(atrStart, atrStart + atrLength)),
    protocol: readU32(bytes, offset + ReaderStateField.protocol),
  };
}

/** A reader table read while the socket was registered for pcscd's push, which may have landed inside it. */
export interface RegisteredTable {
  readonly readers: readonly PcscdReader[];
  /**
   * The bytes do not read as a table: pcscd writes each READER_STATE on its own while its event
   * thread may write the 8-byte push to the same socket in between, so what follows it is read
   * 8 bytes early (a slot with an empty name that goes on with a name, a name with control
   * characters, an impossible ATR length). The table is not to be trusted.
   */
  readonly suspect: boolean;
  /** The push came before the table (read and set aside): the socket is no longer registered. */
  readonly pushed: boolean;
}

/** Whether the slot at `offset` reads as a READER_STATE written whole and in place. */
function wellFormed(bytes: Buffer, offset: number): boolean {
  const name = bytes.subarray(offset, offset + READER_NAME_SIZE);
  const end = name.indexOf(0);
  if (end === 0) return name.every((byte) => byte === 0);
  if (end < 0 || name.subarray(0, end).some((byte) => byte < 0x20)) return false;
  return atrLengthAt(bytes, offset) <= ATR_SIZE;
}

/** `slots` READER_STATEs read while registered: the readers, and whether the bytes are suspect. */
export function registeredTableReply(slots: number, pushed = false): ReplyStep<RegisteredTable> {
  return replyStep(slots * READER_STATE_SIZE, (bytes) => {
    const readers: PcscdReader[] = [];
    let suspect = false;
    for (let slot = 0; slot < slots; slot++) {
      const offset = slot * READER_STATE_SIZE;
      if (!wellFormed(bytes, offset)) {
        suspect = true;
        continue;
      }
      const reader = readerAt(bytes, offset);
      if (reader) readers.push(reader);
    }
    return { readers, suspect, pushed };
  });
}

/** The readers of a table of `slots` READER_STATEs (empty slots left out). */
export function readerTableReply(slots: number): ReplyStep<readonly PcscdReader[]> {
  return replyStep(slots * READER_STATE_SIZE, (bytes) => {
    const readers: PcscdReader[] = [];
    for (let slot = 0; slot < slots; slot++) {
      const reader = readerAt(bytes, slot * READER_STATE_SIZE);
      if (reader) readers.push(reader);
    }
    return readers;
  });
}
