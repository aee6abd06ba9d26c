import {
  NdefCapacityError,
  NdefFormatError,
  decodeText,
  decodeUri,
  readNdef,
  readType2Ndef,
  readType4Ndef,
  textRecord,
  uriRecord,
  writeNdef,
  mimeRecord,
  TagCommandError,
  TagPageLockedError,
} from '../../../src/nfc';
import { virtualType2Tag, virtualType4Tag, virtualMifareClassic, virtualPhone, type Type2Model } from '../../../src/testing';
import { InvalidArgumentError } from '../../../src';
import { simulatedTag } from './sim-tag';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('NDEF on Type 2 tags', () => {
  it.each<[Type2Model, number]>([
    ['ntag213', 144],
    ['ntag215', 496],
    ['ntag216', 872],
    ['ultralight', 48],
  ])('round-trips a message on %s (data area %d bytes) and reads a factory-empty one', async (model, size) => {
    const card = virtualType2Tag(model);
    const { tag, close } = await simulatedTag(card);
    try {
      const empty = await readType2Ndef(tag);
      expect(empty.cc.dataAreaSize).toBe(size);
      expect(empty.records).toEqual([]);
      const records = [uriRecord('https://example.com/a'), textRecord('hello')];
      await writeNdef(tag, records);
      const back = await readNdef(tag);
      expect(decodeUri(back[0]!)).toBe('https://example.com/a');
      expect(decodeText(back[1]!).text).toBe('hello');
    } finally {
      await close();
    }
  });

  it("keeps NTAG213's Lock Control TLV in front and writes the length last", async () => {
    const card = virtualType2Tag('ntag213');
    const { tag, close } = await simulatedTag(card);
    try {
      await writeNdef(tag, [textRecord('x')]);
      expect(hex(card.chip.pages(4, 2))).toBe('0103a00c340308d1');
      const writes = card.log.filter((e) => e.command[1] === 0xd6).map((e) => hex(e.command));
      // The page holding the length is written with L = 0 first and with the real length last.
      expect(writes[0]).toBe('ffd60005043403' + '00' + 'd1');
      expect(writes.at(-1)).toBe('ffd60005043403' + '08' + 'd1');
    } finally {
      await close();
    }
  });

  it('uses the 3-byte length form for messages of 255 bytes or more', async () => {
    const card = virtualType2Tag('ntag215');
    const { tag, close } = await simulatedTag(card);
    try {
      const big = mimeRecord('application/octet-stream', new Uint8Array(300).fill(0x5a));
      await writeNdef(tag, [big]);
      expect(hex(card.chip.pages(4, 1))).toBe('03ff014a');
      const back = await readNdef(tag);
      expect(back[0]?.payload).toEqual(new Uint8Array(300).fill(0x5a));
    } finally {
      await close();
    }
  });

  it('refuses a message larger than the tag before writing anything', async () => {
    const card = virtualType2Tag('ultralight');
    const { tag, close } = await simulatedTag(card);
    try {
      await expect(writeNdef(tag, [textRecord('y'.repeat(60))])).rejects.toThrow(NdefCapacityError);
      expect(card.log.filter((e) => e.command[1] === 0xd6)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('respects static lock bits and a read-only CC', async () => {
    const locked = virtualType2Tag('ultralight');
    locked.chip.memory[10] = 0xf0; // lock pages 4–7
    const a = await simulatedTag(locked);
    try {
      await expect(writeNdef(a.tag, [textRecord('z')])).rejects.toThrow('page 4 is locked');
    } finally {
      await a.close();
    }
    const readOnly = virtualType2Tag('ntag213');
    readOnly.chip.memory[15] = 0x0f;
    const b = await simulatedTag(readOnly);
    try {
      await expect(writeNdef(b.tag, [textRecord('z')])).rejects.toThrow(NdefCapacityError);
    } finally {
      await b.close();
    }
  });

  it.each([
    ['ntag213', 0x28, 2, 0x02, 18],
    ['ntag215', 0x82, 16, 0x02, 32],
    ['ntag216', 0xe2, 16, 0x04, 48],
  ] as const)(
    '%s: dynamic lock bytes in page %i lock %i pages per bit, on the chip and for the NDEF writer',
    async (model, lockPage, perBit, lockByte0, firstLocked) => {
      const tag = virtualType2Tag(model);
      const a = await simulatedTag(tag);
      try {
        // The page right before the locked group stays writable; the group's pages refuse UPDATE BINARY (63 00).
        await a.tag.write(firstLocked - 1, Uint8Array.of(1, 2, 3, 4));
        await a.tag.write(lockPage, Uint8Array.of(lockByte0, 0, 0, 0));
        expect(Array.from(tag.chip.pages(lockPage, 1))).toEqual([lockByte0, 0, 0, 0]);
        await expect(a.tag.write(firstLocked, Uint8Array.of(1, 2, 3, 4))).rejects.toThrow(TagCommandError);
        await expect(a.tag.write(firstLocked + perBit - 1, Uint8Array.of(1, 2, 3, 4))).rejects.toThrow(TagCommandError);
        await a.tag.write(firstLocked + perBit, Uint8Array.of(5, 6, 7, 8));
        // Lock bits are one-time programmable: writing 0 does not clear them.
        await a.tag.write(lockPage, Uint8Array.of(0, 0, 0, 0));
        expect(tag.chip.pages(lockPage, 1)[0]).toBe(lockByte0);
        // A message reaching the locked page is refused before anything is written.
        const before = Uint8Array.from(tag.chip.memory);
        const long = textRecord('x'.repeat((firstLocked - 4) * 4));
        const error = await writeNdef(a.tag, [long]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TagPageLockedError);
        expect(error).toBeInstanceOf(NdefCapacityError);
        expect((error as TagPageLockedError).page).toBe(firstLocked);
        expect((error as Error).message).toContain(`page ${firstLocked} is locked`);
        expect(Buffer.compare(tag.chip.memory, before)).toBe(0);
        // A short message below the locked pages is written.
        await writeNdef(a.tag, [textRecord('short')]);
        expect(decodeText((await readNdef(a.tag))[0]!).text).toBe('short');
      } finally {
        await a.close();
      }
    },
  );

  it.each([
    ['a blank tag (no CC magic)', (m: Uint8Array) => m.fill(0, 12, 16)],
    ['CC version 2.0', (m: Uint8Array) => void (m[13] = 0x20)],
    ['an NDEF TLV longer than the data area', (m: Uint8Array) => m.set([0x03, 0xf0], 16)],
    ['an unknown TLV tag', (m: Uint8Array) => m.set([0x42, 0x01, 0x00], 16)],
    ['a TLV whose record is cut short', (m: Uint8Array) => m.set([0x03, 0x04, 0xd1, 0x01, 0x09, 0x54, 0xfe], 16)],
  ])('makes %s an NdefFormatError', async (_name, corrupt) => {
    const card = virtualType2Tag('ntag215');
    corrupt(card.chip.memory);
    const { tag, close } = await simulatedTag(card);
    try {
      await expect(readNdef(tag)).rejects.toThrow(NdefFormatError);
    } finally {
      await close();
    }
  });
});

describe('NDEF on Type 4 tags', () => {
  it('round-trips a message in MLc-sized writes and MLe-sized reads', async () => {
    const card = virtualType4Tag({ maxRead: 0x20, maxWrite: 0x10 });
    const { tag, close } = await simulatedTag(card);
    try {
      const records = [textRecord('t'.repeat(70)), uriRecord('tel:+4912345')];
      await writeNdef(tag, records);
      const read = await readType4Ndef(tag.connection);
      expect(read.cc).toMatchObject({ maxRead: 0x20, maxWrite: 0x10, ndefFileId: 0xe104, ndefFileSize: 2048, writable: true });
      expect(decodeUri(read.records[1]!)).toBe('tel:+4912345');
      const updates = card.log.filter((e) => e.command[1] === 0xd6);
      expect(updates.every((e) => (e.command[4] ?? 0) <= 0x10)).toBe(true);
      expect(hex(updates[0]!.command)).toBe('00d60000020000');
      expect(card.log.filter((e) => e.command[1] === 0xb0).every((e) => (e.command[4] ?? 0) <= 0x20)).toBe(true);
    } finally {
      await close();
    }
  });

  it('reads and writes a mapping 3.0 tag: Extended NDEF File Control TLV (06 08, 4-byte size) and a 4-byte ENLEN', async () => {
    const card = virtualType4Tag({ mappingVersion: 3, ndefFileSize: 0x10000, maxRead: 0xff, maxWrite: 0xf0 });
    const { tag, close } = await simulatedTag(card);
    try {
      const records = [textRecord('e'.repeat(600)), uriRecord('https://example.org/v3')];
      await writeNdef(tag, records);
      const updates = card.log.filter((e) => e.command[1] === 0xd6);
      expect(hex(updates[0]!.command)).toBe('00d600000400000000');
      const message = card.chip.message;
      expect(message.length).toBeGreaterThan(600);
      expect(hex(card.chip.ndefFile.subarray(0, 4))).toBe(message.length.toString(16).padStart(8, '0'));
      const read = await readType4Ndef(tag.connection);
      expect(read.cc).toMatchObject({ version: 0x30, ndefFileSize: 0x10000, lengthFieldSize: 4, writable: true });
      expect(decodeText(read.records[0]!).text).toBe('e'.repeat(600));
      expect(decodeUri(read.records[1]!)).toBe('https://example.org/v3');
      // Short READ/UPDATE BINARY reach offset 7FFF at most: a larger message is refused before writing.
      await expect(writeNdef(tag, [textRecord('x'.repeat(0x8000))])).rejects.toThrow(NdefCapacityError);
      expect(Buffer.from(card.chip.message).equals(Buffer.from(message))).toBe(true);
    } finally {
      await close();
    }
  });

  it('refuses to write a read-only tag and a message larger than the file', async () => {
    const ro = await simulatedTag(virtualType4Tag({ readOnly: true }));
    try {
      await expect(writeNdef(ro.tag, [textRecord('a')])).rejects.toThrow(NdefCapacityError);
    } finally {
      await ro.close();
    }
    const small = await simulatedTag(virtualType4Tag({ ndefFileSize: 20 }));
    try {
      await expect(writeNdef(small.tag, [textRecord('a'.repeat(30))])).rejects.toThrow(NdefCapacityError);
    } finally {
      await small.close();
    }
  });

  it('makes a corrupted CC and an NLEN past the file typed errors', async () => {
    const card = virtualType4Tag();
    card.chip.ccFile[7] = 0x05;
    const a = await simulatedTag(card);
    try {
      await expect(readNdef(a.tag)).rejects.toThrow(NdefFormatError);
    } finally {
      await a.close();
    }
    const card2 = virtualType4Tag({ ndefFileSize: 32 });
    card2.chip.ndefFile.set([0x01, 0x00]);
    const b = await simulatedTag(card2);
    try {
      await expect(readNdef(b.tag)).rejects.toThrow('NLEN 256 exceeds');
    } finally {
      await b.close();
    }
  });

  it('gets 6A 82 from a phone as a typed error, and MIFARE Classic has no NDEF here', async () => {
    const phone = await simulatedTag(virtualPhone());
    try {
      const error = await readNdef(phone.tag).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TagCommandError);
      expect((error as TagCommandError).sw).toBe(0x6a82);
    } finally {
      await phone.close();
    }
    const classic = await simulatedTag(virtualMifareClassic());
    try {
      await expect(readNdef(classic.tag)).rejects.toThrow(InvalidArgumentError);
    } finally {
      await classic.close();
    }
  });
});
