import { NdefFormatError } from '../nfc-errors';
import { TNF_CODES, type NdefRecord } from './ndef-record';

const MB = 0x80;
const ME = 0x40;
const CF = 0x20;
const SR = 0x10;
const IL = 0x08;
const TNF_UNCHANGED = 6;

/** Encodes records into an NDEF message (short records where the payload fits 255 bytes). An empty list gives one empty record. */
export function encodeNdefMessage(records: readonly NdefRecord[]): Uint8Array {
  const list: readonly NdefRecord[] =
    records.length > 0 ? records : [{ tnf: 'empty', type: new Uint8Array(0), id: new Uint8Array(0), payload: new Uint8Array(0) }];
  const parts: number[] = [];
  list.forEach((record, index) => {
    if (record.type.length > 255) throw new NdefFormatError(`Record ${index}: a type longer than 255 bytes cannot be encoded`);
    if (record.id.length > 255) throw new NdefFormatError(`Record ${index}: an id longer than 255 bytes cannot be encoded`);
    if (record.tnf === 'empty' && (record.type.length || record.id.length || record.payload.length)) {
      throw new NdefFormatError(`Record ${index}: an empty record has no type, id or payload`);
    }
    const short = record.payload.length <= 255;
    let header = TNF_CODES.indexOf(record.tnf);
    if (index === 0) header |= MB;
    if (index === list.length - 1) header |= ME;
    if (short) header |= SR;
    if (record.id.length > 0) header |= IL;
    parts.push(header, record.type.length);
    const n = record.payload.length;
    if (short) parts.push(n);
    else parts.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
    if (record.id.length > 0) parts.push(record.id.length);
    parts.push(...record.type, ...record.id, ...record.payload);
  });
  return Uint8Array.from(parts);
}

/** Decodes an NDEF message; chunked records are joined. Malformed bytes are an NdefFormatError. */
export function decodeNdefMessage(bytes: Uint8Array): NdefRecord[] {
  const records: NdefRecord[] = [];
  let offset = 0;
  let chunked: { tnf: number; type: Uint8Array; id: Uint8Array; payload: number[] } | undefined;
  for (;;) {
    const at = offset;
    const take = (count: number, what: string): Uint8Array => {
      if (offset + count > bytes.length)
        throw new NdefFormatError(`NDEF record at byte ${at}: the ${what} runs past the end of the message (${bytes.length} bytes)`);
      const part = bytes.slice(offset, offset + count);
      offset += count;
      return part;
    };
    const header = take(1, 'header')[0] ?? 0;
    const tnf = header & 0x07;
    if (records.length === 0 && chunked === undefined && at === 0 && !(header & MB))
      throw new NdefFormatError('NDEF message: the first record lacks the MB flag');
    if (at > 0 && header & MB) throw new NdefFormatError(`NDEF record at byte ${at}: MB flag on a record that is not the first`);
    const typeLength = take(1, 'type length')[0] ?? 0;
    const lengthBytes = take(header & SR ? 1 : 4, 'payload length');
    const payloadLength = lengthBytes.reduce((sum, byte) => sum * 256 + byte, 0);
    const idLength = header & IL ? (take(1, 'id length')[0] ?? 0) : 0;
    const type = take(typeLength, 'type');
    const id = take(idLength, 'id');
    const payload = take(payloadLength, 'payload');
    if (chunked) {
      if (tnf !== TNF_UNCHANGED || typeLength !== 0) throw new NdefFormatError(`NDEF record at byte ${at}: a middle or last chunk must have TNF 6 and no type`);
      chunked.payload.push(...payload);
      if (!(header & CF)) {
        records.push({ tnf: TNF_CODES[chunked.tnf] ?? 'reserved', type: chunked.type, id: chunked.id, payload: Uint8Array.from(chunked.payload) });
        chunked = undefined;
      }
    } else if (header & CF) {
      if (tnf === TNF_UNCHANGED) throw new NdefFormatError(`NDEF record at byte ${at}: the first chunk cannot have TNF 6`);
      chunked = { tnf, type, id, payload: [...payload] };
    } else {
      if (tnf === TNF_UNCHANGED) throw new NdefFormatError(`NDEF record at byte ${at}: TNF 6 (unchanged) outside a chunked record`);
      records.push({ tnf: TNF_CODES[tnf] ?? 'reserved', type, id, payload });
    }
    if (header & ME) {
      if (chunked) throw new NdefFormatError(`NDEF record at byte ${at}: ME flag inside a chunked record`);
      if (offset !== bytes.length) throw new NdefFormatError(`NDEF message: ${bytes.length - offset} byte(s) after the record marked last`);
      return records;
    }
    if (offset >= bytes.length) throw new NdefFormatError('NDEF message: no record carries the ME (message end) flag');
  }
}
