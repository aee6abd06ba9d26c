import { startPcscd, stopPcscd } from '../harness/pcscd';
import { Pcsc } from '../../src/compose/pcsc';
import {
  EscapeDisabledError,
  MifareClassic,
  NdefFormatError,
  NfcTag,
  READER_PROFILES,
  ReaderEscape,
  TagAuthenticationError,
  TagCommandError,
  TagPageLockedError,
  decodeText,
  decodeUri,
  encodeAccessBits,
  readNdef,
  textRecord,
  uriRecord,
  watchTags,
  writeNdef,
  type TagEvent,
} from '../../src/nfc';
import { PcscError } from '../../src/errors/pcsc-error';
import type { VirtualCard } from '../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import { virtualMifareClassic, virtualPhone, virtualType2Tag, virtualType4Tag } from '../../src/testing/nfc';
import { REAL_DRIVERS } from '../harness/drivers';
import { waitForReaderState } from '../fixtures/seed';

const READER = 'Virtual PCD 00 00';
const FF = new Uint8Array(6).fill(0xff);

describe.each(REAL_DRIVERS)('NFC tags behind the real pcscd (vpcd) through %s', (driver) => {
  let pcsc: Pcsc;
  let slot: VpcdAttachment | undefined;

  beforeAll(async () => {
    await startPcscd();
    pcsc = await Pcsc.open({ driver });
  });

  afterEach(async () => {
    await slot?.remove();
    slot = undefined;
    await waitForReaderState(pcsc, READER, (state) => state === 'empty');
  });

  afterAll(async () => {
    await pcsc.close();
    await stopPcscd();
  });

  async function present(card: VirtualCard): Promise<NfcTag> {
    slot = await attachToVpcd(card);
    await waitForReaderState(pcsc, READER, (state) => state !== 'empty' && state !== 'unknown');
    const reader = (await pcsc.listReaders()).find((r) => r.name === READER);
    if (!reader?.atr) throw new Error('no tag in vpcd');
    return new NfcTag(await pcsc.connect(READER), reader.atr);
  }

  it('identifies an NTAG215 from its ATR, reads its UID and round-trips NDEF', async () => {
    const card = virtualType2Tag('ntag215', { style: 'generic' });
    const tag = await present(card);
    expect(tag.identity.kind).toBe('mifare-ultralight');
    expect(Buffer.from(await tag.uid()).toString('hex')).toBe('04112233445566');
    await writeNdef(tag, [uriRecord('https://example.org/nfc'), textRecord('héllo', 'fr')]);
    const records = await readNdef(tag);
    expect(decodeUri(records[0]!)).toBe('https://example.org/nfc');
    expect(decodeText(records[1]!)).toMatchObject({ text: 'héllo', language: 'fr' });
    card.chip.memory.set([0x03, 0x20, 0xd1], 16);
    await expect(readNdef(tag)).rejects.toThrow(NdefFormatError);
  });

  it('keeps NTAG dynamic lock bits: the tag refuses a locked page and the NDEF writer names it before writing', async () => {
    const card = virtualType2Tag('ntag216');
    const tag = await present(card);
    await tag.write(0xe2, Uint8Array.of(0x02, 0, 0, 0)); // pages 32–47
    await expect(tag.write(40, Uint8Array.of(1, 2, 3, 4))).rejects.toThrow(TagCommandError);
    const before = Uint8Array.from(card.chip.memory);
    const error = await writeNdef(tag, [textRecord('x'.repeat(120))]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagPageLockedError);
    expect((error as TagPageLockedError).page).toBe(32);
    expect(Buffer.compare(card.chip.memory, before)).toBe(0);
    await writeNdef(tag, [textRecord('fits')]);
    expect(decodeText((await readNdef(tag))[0]!).text).toBe('fits');
  });

  it.each([false, true])('tells an NTAG from GET_VERSION through ACR122U direct transmit (old firmware, 61 xx + GET RESPONSE: %s)', async (responseBySw61) => {
    const card = virtualType2Tag('ntag213', { responseBySw61 });
    card.chip.memory[14] = 0x3e; // an NTAG215's CC size on an NTAG213
    slot = await attachToVpcd(card);
    await waitForReaderState(pcsc, READER, (state) => state !== 'empty' && state !== 'unknown');
    const reader = (await pcsc.listReaders()).find((r) => r.name === READER);
    const tag = new NfcTag(await pcsc.connect(READER), reader?.atr ?? new Uint8Array(0), { profile: READER_PROFILES.acs });
    expect(await tag.ntagModel()).toMatchObject({ layout: { model: 'ntag213' }, source: 'get-version' });
    const sent = card.log.map((entry) => Buffer.from(entry.command).toString('hex'));
    expect(sent).toContain('ff00000003d44260');
    expect(sent.includes('ffc000000b')).toBe(responseBySw61);
  });

  it('authenticates MIFARE Classic 1K sectors, enforces access bits, and names a wrong key', async () => {
    const card = virtualMifareClassic({ style: 'generic' });
    const keyB = Uint8Array.of(1, 2, 3, 4, 5, 6);
    card.chip.setSectorTrailer(1, FF, encodeAccessBits([4, 4, 4, 3]), keyB);
    const tag = await present(card);
    expect(tag.profile.name).toBe('generic');
    const classic = new MifareClassic(tag);
    await classic.writeBlock(4, new Uint8Array(16).fill(0x42), { type: 'B', key: keyB });
    expect(Array.from(await classic.readBlock(4, { type: 'A', key: FF }))).toEqual(new Array(16).fill(0x42));
    await expect(classic.writeBlock(5, new Uint8Array(16), { type: 'A', key: FF })).rejects.toThrow(TagCommandError);
    const wrong = await tag.authenticateWithKey(8, 'A', Uint8Array.of(9, 9, 9, 9, 9, 9)).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TagAuthenticationError);
    expect((wrong as TagAuthenticationError).sw).toBe(0x6982);
  });

  it('addresses keys as an Identiv reader on a 4K card when the profile says so', async () => {
    const card = virtualMifareClassic({ size: '4k', style: 'identiv' });
    slot = await attachToVpcd(card);
    await waitForReaderState(pcsc, READER, (state) => state !== 'empty' && state !== 'unknown');
    const reader = (await pcsc.listReaders()).find((r) => r.name === READER);
    const tag = new NfcTag(await pcsc.connect(READER), reader!.atr!, { profile: READER_PROFILES.identiv });
    const sector = await new MifareClassic(tag).readSector(35, { type: 'B', key: FF }).catch((e: unknown) => e);
    // Key B is readable in the transport configuration, so it cannot authenticate.
    expect(sector).toBeInstanceOf(TagAuthenticationError);
    expect((await new MifareClassic(tag).readSector(35, { type: 'A', key: FF })).length).toBe(256);
    expect(card.log.filter((e) => e.command[1] === 0x82).map((e) => e.command[3])).toEqual([0x61, 0x60]);
  });

  it('round-trips NDEF on a Type 4 tag, and a phone answers 6A 82 to the NDEF application', async () => {
    const card = virtualType4Tag();
    const tag = await present(card);
    await writeNdef(tag, [textRecord('x'.repeat(200))]);
    expect(decodeText((await readNdef(tag))[0]!).text).toBe('x'.repeat(200));
    await slot?.remove();
    slot = undefined;
    await waitForReaderState(pcsc, READER, (state) => state === 'empty');
    const phone = await present(virtualPhone());
    const error = await readNdef(phone).catch((e: unknown) => e);
    expect((error as TagCommandError).sw).toBe(0x6a82);
  });

  it('round-trips NDEF on a mapping 3.0 Type 4 tag (4-byte ENLEN)', async () => {
    const card = virtualType4Tag({ mappingVersion: 3, ndefFileSize: 0x10000, maxRead: 0xff, maxWrite: 0xf0 });
    const tag = await present(card);
    await writeNdef(tag, [textRecord('v'.repeat(700))]);
    expect(card.chip.ndefFile[0]).toBe(0);
    expect(card.chip.message.length).toBeGreaterThan(700);
    expect(decodeText((await readNdef(tag))[0]!).text).toBe('v'.repeat(700));
  });

  it('delivers { reader, atr, kind, uid } for a tag arriving in vpcd', async () => {
    const watcher = watchTags(pcsc, { readers: (name) => name === READER });
    try {
      const arrived = new Promise<TagEvent>((resolve) => watcher.once('tag', resolve));
      slot = await attachToVpcd(virtualMifareClassic({ size: '4k' }));
      expect(await arrived).toMatchObject({ reader: READER, kind: 'mifare-classic-4k', uidHex: '04A23B52' });
    } finally {
      watcher.stop();
    }
  });

  it('makes an escape command vpcd cannot carry a typed error', async () => {
    await present(virtualType2Tag('ntag213'));
    const connection = await pcsc.connect(READER);
    const escape = new ReaderEscape(connection);
    for (const error of [await escape.firmwareVersion().catch((e: unknown) => e), await escape.acr1252FirmwareVersion().catch((e: unknown) => e)]) {
      if (driver === 'smartcard') {
        // The smartcard binding reports this refusal as SCARD_F_UNKNOWN_ERROR, losing the driver's code.
        expect((error as PcscError).codeName).toBe('SCARD_F_UNKNOWN_ERROR');
      } else {
        expect(error).toBeInstanceOf(EscapeDisabledError);
        expect((error as Error).message).toContain('SCARD_E_UNSUPPORTED_FEATURE');
      }
    }
  });
});
