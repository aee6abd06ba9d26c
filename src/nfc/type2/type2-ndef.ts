import { NdefCapacityError, TagPageLockedError } from '../nfc-errors';
import { dynamicallyLocked, FIRST_DYNAMIC_PAGE, ntagByCcSize } from './ntag-models';
import type { NfcTag } from '../nfc-tag';
import { decodeNdefMessage, encodeNdefMessage } from '../ndef/ndef-message';
import type { NdefRecord } from '../ndef/ndef-record';
import { parseType2Cc, type Type2CapabilityContainer } from './capability-container';
import { ndefTlv, parseType2Tlvs, type Type2Layout } from './tlv';

const PAGE = 4;
const CC_PAGE = 3;
const DATA_PAGE = 4;
const READ_CHUNK = 16;

/** What readType2Ndef found. */
export interface Type2NdefContent {
  /** The capability container. */
  readonly cc: Type2CapabilityContainer;
  /** The NDEF message bytes (empty for an empty NDEF TLV). */
  readonly message: Uint8Array;
  /** The decoded records (none for an empty message). */
  readonly records: NdefRecord[];
}

/** Reads the data area lazily, 16 bytes (4 pages) per READ BINARY, each chunk once. */
class DataAreaReader {
  private readonly chunks = new Map<number, Uint8Array>();

  constructor(
    private readonly tag: NfcTag,
    readonly size: number,
  ) {}

  async load(offset: number, length: number): Promise<void> {
    const end = Math.min(this.size, offset + length);
    for (let chunk = Math.floor(offset / READ_CHUNK) * READ_CHUNK; chunk < end; chunk += READ_CHUNK) {
      if (!this.chunks.has(chunk)) this.chunks.set(chunk, await this.tag.read(DATA_PAGE + chunk / PAGE, READ_CHUNK));
    }
  }

  byteAt(offset: number): number | undefined {
    if (offset >= this.size) return undefined;
    const chunk = this.chunks.get(Math.floor(offset / READ_CHUNK) * READ_CHUNK);
    return chunk?.[offset % READ_CHUNK];
  }

  bytes(offset: number, length: number): Uint8Array {
    return Uint8Array.from({ length }, (_, i) => this.byteAt(offset + i) ?? 0);
  }

  /** Parses the TLVs, reading another chunk whenever the walk reaches a byte not read yet. */
  async layout(): Promise<Type2Layout> {
    for (;;) {
      try {
        return parseType2Tlvs((i) => {
          const value = this.byteAt(i);
          if (value === undefined && i < this.size) throw new MissingByte(i);
          return value;
        }, this.size);
      } catch (error) {
        if (!(error instanceof MissingByte)) throw error;
        await this.load(error.offset, READ_CHUNK);
      }
    }
  }
}

class MissingByte extends Error {
  constructor(readonly offset: number) {
    super(`data-area byte ${offset} not read yet`);
  }
}

async function readCc(tag: NfcTag): Promise<{ cc: Type2CapabilityContainer }> {
  const first = await tag.read(CC_PAGE, READ_CHUNK);
  return { cc: parseType2Cc(first.subarray(0, 4)) };
}

/** Reads the NDEF message of a Type 2 tag (Ultralight, NTAG): CC, TLVs, message. */
export async function readType2Ndef(tag: NfcTag): Promise<Type2NdefContent> {
  const { cc } = await readCc(tag);
  const area = new DataAreaReader(tag, cc.dataAreaSize);
  const layout = await area.layout();
  if (layout.ndefOffset === undefined) return { cc, message: new Uint8Array(0), records: [] };
  await area.load(layout.messageOffset, layout.messageLength);
  const message = area.bytes(layout.messageOffset, layout.messageLength);
  return { cc, message, records: message.length === 0 ? [] : decodeNdefMessage(message) };
}

/**
 * Writes an NDEF message to a Type 2 tag, keeping control TLVs before it: first the TLV with
 * length 0, then the message, then the real length, so a tag pulled away mid-write holds an
 * empty message rather than a broken one. Read-only CCs, lock bits and reserved areas are respected.
 */
export async function writeType2Ndef(tag: NfcTag, records: readonly NdefRecord[] | Uint8Array): Promise<void> {
  const message = records instanceof Uint8Array ? records : encodeNdefMessage(records);
  const { cc } = await readCc(tag);
  if (!cc.writable) throw new NdefCapacityError(`${tag.label} is read-only (CC access byte is not 00)`);
  const area = new DataAreaReader(tag, cc.dataAreaSize);
  let layout: Type2Layout;
  try {
    layout = await area.layout();
  } catch {
    layout = { ndefOffset: undefined, messageOffset: 0, messageLength: 0, reserved: [], prefixLength: 0 };
  }
  const prefix = area.bytes(0, layout.ndefOffset ?? layout.prefixLength);
  const tlv = ndefTlv(message);
  const content = Uint8Array.from([...prefix, ...tlv]);
  const limit = Math.min(cc.dataAreaSize, ...layout.reserved.filter((r) => r.offset >= prefix.length).map((r) => r.offset));
  // The terminator may be dropped when the message fills the area exactly.
  const needed = content.length - 1;
  if (needed > limit)
    throw new NdefCapacityError(`The NDEF message (${message.length} bytes) does not fit ${tag.label}: ${limit - prefix.length} bytes available`);
  const data = content.length > limit ? content.subarray(0, limit) : content;
  const padded = new Uint8Array(Math.ceil(data.length / PAGE) * PAGE);
  padded.set(data);
  await checkLocks(tag, cc, padded.length / PAGE);
  const lengthField = message.length < 0xff ? 1 : 3;
  const headerEnd = prefix.length + 1 + lengthField;
  const headerPages = { first: Math.floor(prefix.length / PAGE), last: Math.floor((headerEnd - 1) / PAGE) };
  const emptied = padded.slice();
  emptied.fill(0, prefix.length + 1 + (lengthField === 3 ? 1 : 0), headerEnd);
  await writePages(tag, emptied, headerPages.first, headerPages.last);
  await writePages(tag, padded, headerPages.last + 1, padded.length / PAGE - 1);
  await writePages(tag, padded, headerPages.first, headerPages.last);
}

async function writePages(tag: NfcTag, area: Uint8Array, firstPage: number, lastPage: number): Promise<void> {
  if (lastPage < firstPage) return;
  await tag.write(DATA_PAGE + firstPage, area.subarray(firstPage * PAGE, (lastPage + 1) * PAGE));
}

/**
 * Lock bits: static (page 2 bytes 2–3) for pages 3–15, and on an NTAG (known from GET_VERSION or the CC size)
 * the dynamic lock bytes for pages 16 on. A write to a locked page is refused up front.
 */
async function checkLocks(tag: NfcTag, cc: Type2CapabilityContainer, dataPages: number): Promise<void> {
  const lastPage = DATA_PAGE + dataPages - 1;
  const page2 = await tag.read(2, READ_CHUNK);
  // Lock byte 0 bits 3–7 lock pages 3–7, lock byte 1 bits 0–7 pages 8–15: bit n of the pair locks page n.
  const locks = (page2[2] ?? 0) | ((page2[3] ?? 0) << 8);
  for (let page = CC_PAGE; page <= Math.min(15, lastPage); page += 1) {
    if (locks & (1 << page))
      throw new TagPageLockedError(`${tag.label}: page ${page} is locked (static lock bits ${locks.toString(16).padStart(4, '0')})`, page);
  }
  if (lastPage < FIRST_DYNAMIC_PAGE) return;
  const ntag = (await tag.ntagModel())?.layout ?? ntagByCcSize(cc.dataAreaSize / 8);
  if (!ntag) return;
  const lockPage = await tag.read(ntag.dynamicLockPage, READ_CHUNK);
  const dynamic = (lockPage[0] ?? 0) | ((lockPage[1] ?? 0) << 8);
  for (let page = FIRST_DYNAMIC_PAGE; page <= lastPage; page += 1) {
    if (dynamicallyLocked(ntag, dynamic, page)) {
      throw new TagPageLockedError(
        `${tag.label}: page ${page} is locked (${ntag.model.toUpperCase()} dynamic lock bytes ${dynamic.toString(16).padStart(4, '0')} in page ${ntag.dynamicLockPage})`,
        page,
      );
    }
  }
}
