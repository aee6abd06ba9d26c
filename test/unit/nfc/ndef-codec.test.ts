import {
  decodeNdefMessage,
  decodeSmartPoster,
  decodeText,
  decodeUri,
  emptyRecord,
  encodeNdefMessage,
  externalRecord,
  mimeRecord,
  NdefFormatError,
  smartPosterRecord,
  textRecord,
  uriRecord,
} from '../../../src/nfc';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('NDEF record codec', () => {
  it('encodes a Text record as the NDEF spec example D1 01 05 54 02 65 6E 68 69', () => {
    expect(hex(encodeNdefMessage([textRecord('hi', 'en')]))).toBe('d101055402656e6869');
  });

  it('abbreviates URI prefixes and decodes them back', () => {
    const record = uriRecord('https://www.example.com/x');
    expect(record.payload[0]).toBe(0x02);
    expect(decodeUri(record)).toBe('https://www.example.com/x');
    expect(uriRecord('urn:nfc:sn:1').payload[0]).toBe(0x23);
    expect(uriRecord('gopher://x').payload[0]).toBe(0x00);
  });

  it('round-trips MIME, external, empty, long and Smart Poster records', () => {
    const long = new Uint8Array(300).fill(7);
    const records = [
      mimeRecord('application/json', '{"a":1}'),
      externalRecord('example.com:pos', Uint8Array.of(1, 2)),
      mimeRecord('application/octet-stream', long),
      smartPosterRecord({ uri: 'http://a.b', titles: [{ text: 'Home', language: 'en' }] }),
    ];
    const decoded = decodeNdefMessage(encodeNdefMessage(records));
    expect(decoded.map((r) => r.tnf)).toEqual(['mime', 'external', 'mime', 'well-known']);
    expect(decoded[2]?.payload).toEqual(long);
    expect(decodeSmartPoster(decoded[3]!)).toMatchObject({ uri: 'http://a.b', titles: [{ text: 'Home', language: 'en' }] });
    expect(hex(encodeNdefMessage([emptyRecord()]))).toBe('d00000');
    expect(decodeText(decodeNdefMessage(encodeNdefMessage([textRecord('grüß', 'de')]))[0]!)).toEqual({ text: 'grüß', language: 'de', encoding: 'utf-8' });
  });

  it('joins chunked records', () => {
    // MB CF SR TNF1 "T" | middle chunk TNF6 | last chunk TNF6 ME
    const bytes = Uint8Array.of(0xb1, 0x01, 0x03, 0x54, 0x02, 0x65, 0x6e, 0x36, 0x00, 0x01, 0x68, 0x56, 0x00, 0x01, 0x69);
    expect(decodeText(decodeNdefMessage(bytes)[0]!).text).toBe('hi');
  });

  it.each([
    ['truncated payload', 'd1010a5402656e'],
    ['no ME flag', '91010154'],
    ['no MB flag', '51010154'],
    ['bytes after ME', 'd10101540000'],
    ['TNF 6 outside a chunk', 'd6000100'],
    ['empty message', ''],
  ])('refuses %s with NdefFormatError', (_name, text) => {
    expect(() => decodeNdefMessage(Uint8Array.from(Buffer.from(text, 'hex')))).toThrow(NdefFormatError);
  });

  it('refuses an unknown URI code and a bad MIME type', () => {
    expect(() => decodeUri({ tnf: 'well-known', type: Uint8Array.of(0x55), id: new Uint8Array(0), payload: Uint8Array.of(0x40) })).toThrow(NdefFormatError);
    expect(() => mimeRecord('not a type', 'x')).toThrow(NdefFormatError);
  });
});
