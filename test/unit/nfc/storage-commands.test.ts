import {
  MifareClassic,
  READER_PROFILES,
  ReaderNotSupportedError,
  TagAuthenticationError,
  TagCommandError,
  TagWrongLengthError,
  LockingTrailerError,
  encodeAccessBits,
  profileForReader,
} from '../../../src/nfc';
import { VirtualCard, virtualMifareClassic, virtualType2Tag, virtualType4Tag, type FirmwareStyle } from '../../../src/testing';
import { InvalidArgumentError } from '../../../src';
import { simulatedTag } from './sim-tag';

const FF = new Uint8Array(6).fill(0xff);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('NfcTag on virtual tags in the simulator', () => {
  it('reads the UID and the kind of an NTAG215 without sending anything else', async () => {
    const card = virtualType2Tag('ntag215');
    const { tag, close } = await simulatedTag(card);
    try {
      expect(tag.identity.kind).toBe('mifare-ultralight');
      expect(hex(await tag.uid())).toBe('04112233445566');
      expect(card.log.map((e) => hex(e.command))).toEqual(['ffca000000']);
      expect(tag.label).toBe('MIFARE Ultralight / NTAG 04112233445566');
    } finally {
      await close();
    }
  });

  it('reads the ATS historical bytes of a Type 4 tag, and the reader refuses ATS for a storage card', async () => {
    const t4 = await simulatedTag(virtualType4Tag());
    try {
      expect(hex(await t4.tag.ats())).toBe('80');
    } finally {
      await t4.close();
    }
    const t2 = await simulatedTag(virtualType2Tag('ntag213'));
    try {
      await expect(t2.tag.ats()).rejects.toThrow(ReaderNotSupportedError);
    } finally {
      await t2.close();
    }
  });

  it('reads Type 2 pages 16 bytes per READ BINARY and writes 4-byte pages', async () => {
    const card = virtualType2Tag('ntag213');
    const { tag, close } = await simulatedTag(card);
    try {
      await tag.write(10, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
      const data = await tag.read(8, 24);
      expect(hex(data.subarray(8, 16))).toBe('0102030405060708');
      const commands = card.log.map((e) => hex(e.command));
      expect(commands).toEqual(['ffd6000a0401020304', 'ffd6000b0405060708', 'ffb0000810', 'ffb0000c10']);
      await expect(tag.write(10, Uint8Array.of(1, 2))).rejects.toThrow(InvalidArgumentError);
    } finally {
      await close();
    }
  });

  it('makes a read past the last page a typed error naming the tag, the command and the SW', async () => {
    const { tag, close } = await simulatedTag(virtualType2Tag('ntag213'));
    try {
      await tag.uid();
      const error = await tag.read(45, 4).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TagCommandError);
      expect((error as TagCommandError).sw).toBe(0x6300);
      expect((error as Error).message).toBe(
        'READ BINARY block 45 on MIFARE Ultralight / NTAG 04112233445566 failed with SW 63 00: the tag did not complete it (not authenticated, access bits forbid it, or the tag left the field)',
      );
    } finally {
      await close();
    }
  });

  it('chooses profiles from reader names', () => {
    expect(profileForReader('ACS ACR122U PICC Interface 00 00').name).toBe('acs');
    expect(profileForReader('ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader PICC] 00 00').name).toBe('acs');
    expect(profileForReader('Identiv uTrust 3700 F CL Reader [uTrust 3700 F CL Reader] 00 00').name).toBe('identiv');
    expect(profileForReader('SCM Microsystems Inc. SCL011 Contactless Reader 00 00').name).toBe('identiv');
    expect(profileForReader('HID Global OMNIKEY 5422 Smartcard Reader [OMNIKEY 5422 CL] 01 00').name).toBe('omnikey');
    expect(profileForReader('Virtual PCD 00 00').name).toBe('generic');
  });

  const profiles: [string, FirmwareStyle, string, string][] = [
    ['ACS ACR122U PICC Interface', 'acs', 'ff82000006ffffffffffff', 'ff860000050100046000'],
    ['Identiv uTrust 3700 F CL Reader', 'identiv', 'ff82006006ffffffffffff', 'ff860000050100046001'],
    ['HID Global OMNIKEY 5422 CL', 'omnikey', 'ff82200006ffffffffffff', 'ff860000050100046000'],
  ];
  it.each(profiles)('loads keys and authenticates as %s expects', async (reader, style, load, auth) => {
    const card = virtualMifareClassic({ style });
    const { tag, close } = await simulatedTag(card, reader);
    try {
      await tag.authenticateWithKey(4, 'A', FF);
      expect(card.log.map((e) => hex(e.command))).toEqual([load, auth]);
      expect(hex(await tag.read(4, 16))).toBe('00000000000000000000000000000000');
    } finally {
      await close();
    }
  });

  it('fails with a typed error when the profile does not match the reader, and an override fixes it', async () => {
    const wrong = await simulatedTag(virtualMifareClassic({ style: 'omnikey' }), 'OMNI reader', { profile: READER_PROFILES.acs });
    try {
      const error = await wrong.tag.loadKey(FF, 'A', 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReaderNotSupportedError);
      expect((error as TagCommandError).sw).toBe(0x6986);
    } finally {
      await wrong.close();
    }
    const right = await simulatedTag(virtualMifareClassic({ style: 'omnikey' }), 'OMNI reader', { profile: READER_PROFILES.omnikey });
    try {
      await right.tag.authenticateWithKey(1, 'A', FF);
    } finally {
      await right.close();
    }
  });

  it('falls back to FF 88 when GENERAL AUTHENTICATE answers 6D 00', async () => {
    // An ACS-style firmware that lacks FF 86: wrap the respond to answer 6D 00 for it.
    const firmware = virtualMifareClassic();
    const old = new VirtualCard({
      atr: firmware.atr,
      respond: (apdu) => (apdu[0] === 0xff && apdu[1] === 0x86 ? Uint8Array.of(0x6d, 0x00) : firmware.process(apdu)),
    });
    const sim = await simulatedTag(old);
    try {
      await sim.tag.authenticateWithKey(8, 'B', FF).catch(() => undefined);
      await sim.tag.authenticateWithKey(8, 'A', FF);
      expect(old.log.slice(-3).map((e) => hex(e.command))).toEqual(['ff82000006ffffffffffff', 'ff860000050100086000', 'ff88000860' + '00']);
    } finally {
      await sim.close();
    }
  });

  it('reports a wrong key as TagAuthenticationError and a key slot the profile lacks as InvalidArgumentError', async () => {
    const { tag, close } = await simulatedTag(virtualMifareClassic());
    try {
      await expect(tag.authenticateWithKey(4, 'A', Uint8Array.of(1, 2, 3, 4, 5, 6))).rejects.toThrow(TagAuthenticationError);
      await expect(tag.loadKey(FF, 'A', 5)).rejects.toThrow(InvalidArgumentError);
      await expect(tag.loadKey(Uint8Array.of(1, 2, 3))).rejects.toThrow(InvalidArgumentError);
    } finally {
      await close();
    }
  });
});

describe('MifareClassic helpers against the virtual card', () => {
  it('reads a 4K large sector, writes blocks, and re-authenticates per sector', async () => {
    const card = virtualMifareClassic({ size: '4k' });
    const { tag, close } = await simulatedTag(card);
    try {
      const classic = new MifareClassic(tag);
      expect(classic.size).toBe('4k');
      const key = { type: 'A' as const, key: FF };
      await classic.writeBlock(130, new Uint8Array(16).fill(0xab), key);
      await classic.writeBlock(4, new Uint8Array(16).fill(0x01), key);
      const sector = await classic.readSector(32, key);
      expect(sector).toHaveLength(256);
      expect(sector[2 * 16]).toBe(0xab);
      expect(hex(sector.subarray(15 * 16 + 6, 15 * 16 + 10))).toBe('ff078069');
      expect(card.chip.block(130)[0]).toBe(0xab);
      const auths = card.log.filter((e) => e.command[1] === 0x86).length;
      expect(auths).toBe(3);
    } finally {
      await close();
    }
  });

  it('keeps value blocks and enforces access bits: key A may not write when the sector says key B only', async () => {
    const card = virtualMifareClassic();
    const keyB = Uint8Array.of(0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5);
    card.chip.setSectorTrailer(2, FF, encodeAccessBits([4, 4, 4, 3]), keyB);
    const { tag, close } = await simulatedTag(card);
    try {
      const classic = new MifareClassic(tag);
      await classic.writeValue(8, 100, { type: 'B', key: keyB });
      expect(await classic.readValue(8, { type: 'A', key: FF })).toBe(100);
      await expect(classic.writeBlock(9, new Uint8Array(16), { type: 'A', key: FF })).rejects.toThrow(TagCommandError);
      expect(card.chip.block(9)).toEqual(new Uint8Array(16));
    } finally {
      await close();
    }
  });

  it('refuses to write a locking trailer or block 0 unless force', async () => {
    const card = virtualMifareClassic();
    const { tag, close } = await simulatedTag(card);
    try {
      const classic = new MifareClassic(tag);
      const trailer = Uint8Array.from([...FF, ...encodeAccessBits([0, 0, 0, 6]), 0x69, ...FF]);
      await expect(classic.writeBlock(7, trailer, { type: 'A', key: FF })).rejects.toThrow(LockingTrailerError);
      const broken = Uint8Array.from([...FF, 0xff, 0x07, 0x81, 0x69, ...FF]);
      await expect(classic.writeBlock(7, broken, { type: 'A', key: FF })).rejects.toThrow(LockingTrailerError);
      await expect(classic.writeBlock(0, new Uint8Array(16), { type: 'A', key: FF })).rejects.toThrow(InvalidArgumentError);
      expect(card.log.filter((e) => e.command[1] === 0xd6)).toEqual([]);
      await classic.writeBlock(7, trailer, { type: 'A', key: FF }, { force: true });
      expect(hex(card.chip.block(7).subarray(6, 9))).toBe(hex(encodeAccessBits([0, 0, 0, 6])));
    } finally {
      await close();
    }
  });

  it('reads trailers with key A hidden', async () => {
    const { tag, close } = await simulatedTag(virtualMifareClassic());
    try {
      const block = await new MifareClassic(tag).readBlock(3, { type: 'A', key: FF });
      expect(hex(block)).toBe('000000000000ff078069ffffffffffff');
    } finally {
      await close();
    }
  });

  it('reports a wrong length from the reader as TagWrongLengthError', async () => {
    const { tag, close } = await simulatedTag(virtualMifareClassic());
    try {
      await expect(tag.run({ name: 'bad', apdu: Uint8Array.of(0xff, 0xb0, 0x00, 0x04) }, 'read')).rejects.toThrow(TagWrongLengthError);
    } finally {
      await close();
    }
  });
});
