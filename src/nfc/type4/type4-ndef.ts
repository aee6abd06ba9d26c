import type { TagConnection } from '../nfc-tag';
import { NdefCapacityError, NdefFormatError } from '../nfc-errors';
import { errorForStatus, type CommandFamily } from '../status-errors';
import { decodeNdefMessage, encodeNdefMessage } from '../ndef/ndef-message';
import type { NdefRecord } from '../ndef/ndef-record';
import { parseType4Cc, type Type4CapabilityContainer } from './type4-cc';

/** NDEF Tag Application AID, mapping version 2.0 and later. */
export const NDEF_AID_V2 = Uint8Array.of(0xd2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01);
const CC_FILE = 0xe103;
/** Largest short-APDU chunk: Le 00 asks for 256 bytes, but Lc tops out at 255. */
const SHORT_LIMIT = 255;
/** READ/UPDATE BINARY with P1 bit 8 clear address offsets 0–7FFF; beyond needs an offset data object (B1/D7), not sent here. */
const SHORT_OFFSET_END = 0x8000;

function lengthBytes(length: number, size: 2 | 4): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => Math.floor(length / 256 ** (size - 1 - i)) & 0xff);
}

function lengthOf(bytes: Uint8Array): number {
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

/** What readType4Ndef found. */
export interface Type4NdefContent {
  /** The capability container. */
  readonly cc: Type4CapabilityContainer;
  /** The NDEF message bytes. */
  readonly message: Uint8Array;
  /** The decoded records. */
  readonly records: NdefRecord[];
}

class Type4Session {
  constructor(
    private readonly connection: TagConnection,
    private readonly label: string,
  ) {}

  async send(name: string, apdu: Uint8Array, family: CommandFamily): Promise<Uint8Array> {
    const response = await this.connection.transmit(apdu);
    if (response.sw === 0x9000) return response.data;
    throw errorForStatus({ tag: this.label, command: name, apdu, sw: response.sw }, family);
  }

  selectApplication(): Promise<Uint8Array> {
    return this.send('SELECT NDEF application', Uint8Array.of(0x00, 0xa4, 0x04, 0x00, NDEF_AID_V2.length, ...NDEF_AID_V2, 0x00), 'select');
  }

  selectFile(fileId: number): Promise<Uint8Array> {
    return this.send(`SELECT file ${fileId.toString(16).toUpperCase()}`, Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, fileId >> 8, fileId & 0xff), 'select');
  }

  async readBinary(offset: number, length: number): Promise<Uint8Array> {
    const data = await this.send(`READ BINARY offset ${offset}`, Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, length & 0xff), 'read');
    if (data.length < length) throw new NdefFormatError(`${this.label}: READ BINARY at offset ${offset} returned ${data.length} bytes, ${length} expected`);
    return data.subarray(0, length);
  }

  async updateBinary(offset: number, data: Uint8Array): Promise<void> {
    await this.send(`UPDATE BINARY offset ${offset}`, Uint8Array.of(0x00, 0xd6, offset >> 8, offset & 0xff, data.length, ...data), 'write');
  }

  async readCc(): Promise<Type4CapabilityContainer> {
    await this.selectApplication();
    await this.selectFile(CC_FILE);
    const head = await this.readBinary(0, 2);
    const ccLength = ((head[0] ?? 0) << 8) | (head[1] ?? 0);
    if (ccLength < 15) throw new NdefFormatError(`${this.label}: CC length ${ccLength} is shorter than 15 bytes`);
    return parseType4Cc(await this.readBinary(0, Math.min(ccLength, 0x0f + 2)));
  }

  async readChunked(offset: number, length: number, chunk: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    for (let done = 0; done < length; done += chunk) out.set(await this.readBinary(offset + done, Math.min(chunk, length - done)), done);
    return out;
  }
}

function tagLabel(connection: TagConnection, label?: string): string {
  return label ?? `Type 4 tag in ${connection.reader}`;
}

/** Reads the NDEF message of a Type 4 tag: select the NDEF application, the CC file, the NDEF file (2-byte NLEN, or 4-byte ENLEN for mapping 3.0). */
export async function readType4Ndef(connection: TagConnection, label?: string): Promise<Type4NdefContent> {
  const session = new Type4Session(connection, tagLabel(connection, label));
  const cc = await session.readCc();
  if (!cc.readable) throw new NdefCapacityError(`${tagLabel(connection, label)}: the NDEF file is not readable (access byte not 00)`);
  await session.selectFile(cc.ndefFileId);
  const field = cc.lengthFieldSize;
  const length = lengthOf(await session.readBinary(0, field));
  const name = field === 2 ? 'NLEN' : 'ENLEN';
  if (length > cc.ndefFileSize - field)
    throw new NdefFormatError(`${tagLabel(connection, label)}: ${name} ${length} exceeds the NDEF file (${cc.ndefFileSize - field} bytes)`);
  if (field + length > SHORT_OFFSET_END)
    throw new NdefCapacityError(
      `${tagLabel(connection, label)}: the NDEF message (${length} bytes) reaches past offset 7FFF, which needs READ BINARY with an offset data object (not supported)`,
    );
  const message = await session.readChunked(field, length, Math.min(cc.maxRead, SHORT_LIMIT));
  return { cc, message, records: length === 0 ? [] : decodeNdefMessage(message) };
}

/** Writes an NDEF message to a Type 4 tag: length 0, the message in MLc-sized pieces, then the length (NLEN, or ENLEN for mapping 3.0). */
export async function writeType4Ndef(connection: TagConnection, records: readonly NdefRecord[] | Uint8Array, label?: string): Promise<void> {
  const name = tagLabel(connection, label);
  const message = records instanceof Uint8Array ? records : encodeNdefMessage(records);
  const session = new Type4Session(connection, name);
  const cc = await session.readCc();
  if (!cc.writable) throw new NdefCapacityError(`${name} is read-only (NDEF file write access byte not 00)`);
  const field = cc.lengthFieldSize;
  const room = Math.min(cc.ndefFileSize, SHORT_OFFSET_END) - field;
  if (message.length > room) throw new NdefCapacityError(`The NDEF message (${message.length} bytes) does not fit ${name}: ${room} bytes available`);
  await session.selectFile(cc.ndefFileId);
  const chunk = Math.min(cc.maxWrite, SHORT_LIMIT);
  await session.updateBinary(0, lengthBytes(0, field));
  for (let done = 0; done < message.length; done += chunk) await session.updateBinary(field + done, message.subarray(done, done + chunk));
  await session.updateBinary(0, lengthBytes(message.length, field));
}
