import {
  accessGroupOfBlock,
  blockCount,
  decodeAccessBits,
  decodeSectorTrailer,
  decodeValueBlock,
  encodeAccessBits,
  encodeSectorTrailer,
  encodeValueBlock,
  firstBlockOfSector,
  isTrailerBlock,
  LockingTrailerError,
  sectorOfBlock,
  trailerBlockOfSector,
  AccessBitsError,
  ValueBlockError,
  TRANSPORT_ACCESS,
} from '../../../src/nfc';

describe('MIFARE Classic addressing', () => {
  it('has 64 blocks on 1K and 256 on 4K, with 16-block sectors from sector 32', () => {
    expect(blockCount('1k')).toBe(64);
    expect(blockCount('4k')).toBe(256);
    expect(firstBlockOfSector(31, '4k')).toBe(124);
    expect(firstBlockOfSector(32, '4k')).toBe(128);
    expect(trailerBlockOfSector(32, '4k')).toBe(143);
    expect(trailerBlockOfSector(39, '4k')).toBe(255);
    expect(sectorOfBlock(200, '4k')).toBe(36);
    expect(isTrailerBlock(7, '1k')).toBe(true);
    expect(isTrailerBlock(143, '4k')).toBe(true);
    expect(isTrailerBlock(131, '4k')).toBe(false);
    expect(accessGroupOfBlock(134, '4k')).toBe(1);
  });

  it('refuses a block past the card', () => {
    expect(() => sectorOfBlock(64, '1k')).toThrow('from 0 to 63');
  });
});

describe('access bits', () => {
  it('decodes the transport configuration FF 07 80 and encodes it back', () => {
    expect(decodeAccessBits([0xff, 0x07, 0x80])).toEqual([0, 0, 0, 1]);
    expect(Array.from(encodeAccessBits(TRANSPORT_ACCESS))).toEqual([0xff, 0x07, 0x80]);
  });

  it('round-trips every condition in every group', () => {
    for (let c = 0; c < 8; c += 1) {
      for (let g = 0; g < 4; g += 1) {
        const access = [0, 0, 0, 1] as [number, number, number, number];
        access[g] = c;
        expect(decodeAccessBits(encodeAccessBits(access as never))).toEqual(access);
      }
    }
  });

  it("encodes NXP's example 78 77 88 (data 100, trailer 011)", () => {
    expect(Array.from(encodeAccessBits([4, 4, 4, 3]))).toEqual([0x78, 0x77, 0x88]);
  });

  it('refuses inconsistent bytes', () => {
    expect(() => decodeAccessBits([0xff, 0x07, 0x81])).toThrow(AccessBitsError);
  });
});

describe('sector trailer', () => {
  const key = new Uint8Array(6).fill(0xff);
  it('refuses a trailer whose access bits can never change again unless force', () => {
    const frozen = { keyA: key, access: [0, 0, 0, 6] as const, generalPurposeByte: 0x69, keyB: key };
    expect(() => encodeSectorTrailer(frozen)).toThrow(LockingTrailerError);
    expect(encodeSectorTrailer(frozen, { force: true })).toHaveLength(16);
  });

  it('splits a trailer', () => {
    const bytes = encodeSectorTrailer({ keyA: key, access: [0, 0, 0, 1], generalPurposeByte: 0x69, keyB: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    expect(Buffer.from(bytes).toString('hex')).toBe('ffffffffffffff078069010203040506');
    expect(decodeSectorTrailer(bytes).access).toEqual([0, 0, 0, 1]);
  });
});

describe('value blocks', () => {
  it('encodes 100 at block 5 as NXP documents it', () => {
    expect(Buffer.from(encodeValueBlock(100, 5)).toString('hex')).toBe('640000009bffffff6400000005fa05fa');
  });

  it('round-trips negative values and refuses a corrupted copy', () => {
    expect(decodeValueBlock(encodeValueBlock(-7, 9))).toEqual({ value: -7, address: 9 });
    const bad = encodeValueBlock(1, 4);
    bad[4] = 0;
    expect(() => decodeValueBlock(bad)).toThrow(ValueBlockError);
  });
});
