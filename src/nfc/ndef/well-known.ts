import { NdefFormatError } from '../nfc-errors';
import { decodeNdefMessage, encodeNdefMessage } from './ndef-message';
import { ndefRecord, recordTypeText, type NdefRecord } from './ndef-record';

/** URI identifier codes 0x00–0x23 (NFC Forum URI RTD §3.2.2). */
export const URI_PREFIXES: readonly string[] = [
  '',
  'http://www.',
  'https://www.',
  'http://',
  'https://',
  'tel:',
  'mailto:',
  'ftp://anonymous:anonymous@',
  'ftp://ftp.',
  'ftps://',
  'sftp://',
  'smb://',
  'nfs://',
  'ftp://',
  'dav://',
  'news:',
  'telnet://',
  'imap:',
  'rtsp://',
  'urn:',
  'pop:',
  'sip:',
  'sips:',
  'tftp:',
  'btspp://',
  'btl2cap://',
  'btgoep://',
  'tcpobex://',
  'irdaobex://',
  'file://',
  'urn:epc:id:',
  'urn:epc:tag:',
  'urn:epc:pat:',
  'urn:epc:raw:',
  'urn:epc:',
  'urn:nfc:',
];

/** A Text record ('T'): status byte (UTF-16 flag, language length), language code, text. */
export function textRecord(text: string, language = 'en'): NdefRecord {
  const lang = new TextEncoder().encode(language);
  if (lang.length > 63) throw new NdefFormatError('Text record: the language code is longer than 63 bytes');
  const body = new TextEncoder().encode(text);
  return ndefRecord('well-known', 'T', Uint8Array.from([lang.length, ...lang, ...body]));
}

/** A decoded Text record. */
export interface TextContent {
  /** The text. */
  readonly text: string;
  /** The IANA language code, e.g. 'en'. */
  readonly language: string;
  /** The text encoding the status byte named. */
  readonly encoding: 'utf-8' | 'utf-16';
}

/** Reads a Text record's payload. */
export function decodeText(record: NdefRecord): TextContent {
  expectWellKnown(record, 'T');
  const status = record.payload[0];
  if (status === undefined) throw new NdefFormatError('Text record: empty payload (no status byte)');
  const langLength = status & 0x3f;
  if (1 + langLength > record.payload.length) throw new NdefFormatError('Text record: the language code runs past the payload');
  const encoding = status & 0x80 ? 'utf-16' : 'utf-8';
  const language = new TextDecoder().decode(record.payload.subarray(1, 1 + langLength));
  const body = record.payload.subarray(1 + langLength);
  const text = encoding === 'utf-8' ? new TextDecoder('utf-8').decode(body) : decodeUtf16(body);
  return { text, language, encoding };
}

function decodeUtf16(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-16be').decode(bytes);
}

/** A URI record ('U'), with the longest matching prefix abbreviated. */
export function uriRecord(uri: string): NdefRecord {
  let code = 0;
  URI_PREFIXES.forEach((prefix, index) => {
    if (prefix.length > (URI_PREFIXES[code] ?? '').length && uri.startsWith(prefix)) code = index;
  });
  const rest = new TextEncoder().encode(uri.slice((URI_PREFIXES[code] ?? '').length));
  return ndefRecord('well-known', 'U', Uint8Array.from([code, ...rest]));
}

/** Reads a URI record's full URI. */
export function decodeUri(record: NdefRecord): string {
  expectWellKnown(record, 'U');
  const code = record.payload[0];
  if (code === undefined) throw new NdefFormatError('URI record: empty payload (no identifier code)');
  const prefix = URI_PREFIXES[code];
  if (prefix === undefined) throw new NdefFormatError(`URI record: unknown identifier code 0x${code.toString(16).padStart(2, '0')}`);
  return prefix + new TextDecoder().decode(record.payload.subarray(1));
}

/** A MIME record: `mediaType` such as 'application/json' and its bytes (or text). */
export function mimeRecord(mediaType: string, content: Uint8Array | string): NdefRecord {
  if (!/^[\w.+-]+\/[\w.+-]+/.test(mediaType)) throw new NdefFormatError(`MIME record: "${mediaType}" is not a media type`);
  return ndefRecord('mime', mediaType, typeof content === 'string' ? new TextEncoder().encode(content) : content);
}

/** An external-type record: `domain:type` such as 'example.com:pos'. */
export function externalRecord(domainType: string, payload: Uint8Array): NdefRecord {
  if (!/^[^:]+:[^:]+$/.test(domainType)) throw new NdefFormatError(`External record: "${domainType}" is not of the form domain:type`);
  return ndefRecord('external', domainType.toLowerCase(), payload);
}

/** The empty record (TNF 0). */
export function emptyRecord(): NdefRecord {
  return ndefRecord('empty', new Uint8Array(0), new Uint8Array(0));
}

/** One title of a Smart Poster. */
export interface SmartPosterTitle {
  /** The title text. */
  readonly text: string;
  /** Its language code (default 'en'). */
  readonly language?: string;
}

/** What a Smart Poster holds. */
export interface SmartPosterContent {
  /** The URI (required). */
  readonly uri: string;
  /** Titles, e.g. [{ text: 'Home', language: 'en' }]. */
  readonly titles?: readonly SmartPosterTitle[];
}

/** A decoded Smart Poster: URI, titles and every nested record (actions, icons, sizes included). */
export interface DecodedSmartPoster extends SmartPosterContent {
  /** The nested records as found. */
  readonly records: NdefRecord[];
}

/** A Smart Poster ('Sp'): a nested NDEF message with the URI and its titles. */
export function smartPosterRecord(content: SmartPosterContent): NdefRecord {
  const inner = [uriRecord(content.uri), ...(content.titles ?? []).map((title) => textRecord(title.text, title.language))];
  return ndefRecord('well-known', 'Sp', encodeNdefMessage(inner));
}

/** Reads a Smart Poster's URI, titles and nested records. */
export function decodeSmartPoster(record: NdefRecord): DecodedSmartPoster {
  expectWellKnown(record, 'Sp');
  const records = decodeNdefMessage(record.payload);
  const uriRec = records.find((r) => r.tnf === 'well-known' && recordTypeText(r) === 'U');
  if (!uriRec) throw new NdefFormatError('Smart Poster: no URI record inside');
  const titles = records.filter((r) => r.tnf === 'well-known' && recordTypeText(r) === 'T').map((r) => decodeText(r));
  return { uri: decodeUri(uriRec), titles: titles.map(({ text, language }) => ({ text, language })), records };
}

function expectWellKnown(record: NdefRecord, type: string): void {
  if (record.tnf !== 'well-known' || recordTypeText(record) !== type) {
    throw new NdefFormatError(`Expected a well-known "${type}" record, got ${record.tnf} "${recordTypeText(record)}"`);
  }
}
