import { readI32, readU32 } from './message-codec';
import { PcscdProtocolError } from './pcscd-protocol-error';
import { replyStep, type ReplyStep } from './service-socket';
import { ATR_SIZE, READER_NAME_SIZE, READER_STATE_SIZE, ReaderStateField } from './wire-layout';

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

function readerAt(bytes: Buffer, offset: number): PcscdReader | undefined {
  if (bytes[offset] === 0) return undefined;
  const nameEnd = bytes.indexOf(0, offset);
  if (nameEnd < 0 || nameEnd >= offset + READER_NAME_SIZE) throw new PcscdProtocolError('pcscd sent a reader name without its terminator.');
  const atrLength = readU32(bytes, offset + ReaderStateField.atrLength);
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
