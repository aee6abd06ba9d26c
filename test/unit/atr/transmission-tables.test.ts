import { transmissionParameters } from '../../../src/atr/transmission-tables';

describe('transmissionParameters', () => {
  it('gives the defaults without TA1', () => {
    expect(transmissionParameters(undefined)).toMatchObject({ fi: 372, fMax: 5, di: 1, fromTa1: false });
  });

  it.each([
    [0x11, 372, 5, 1],
    [0x01, 372, 4, 1],
    [0x18, 372, 5, 12],
    [0x13, 372, 5, 4],
    [0x25, 558, 6, 16],
    [0x34, 744, 8, 8],
    [0x47, 1116, 12, 64],
    [0x59, 1488, 16, 20],
    [0x62, 1860, 20, 2],
    [0x96, 512, 5, 32],
    [0xa3, 768, 7.5, 4],
    [0xb1, 1024, 10, 1],
    [0xc2, 1536, 15, 2],
    [0xd6, 2048, 20, 32],
  ])('TA1 %p → Fi %p, f max %p MHz, Di %p', (ta1, fi, fMax, di) => {
    expect(transmissionParameters(ta1)).toMatchObject({ fi, fMax, di, cyclesPerEtu: fi / di, fromTa1: true });
  });

  it('computes the bit rate at f max', () => {
    expect(transmissionParameters(0x18).maxBitRate).toBe(161290);
    expect(transmissionParameters(0x96).maxBitRate).toBe(312500);
  });

  it.each([0x70, 0x80, 0xe1, 0xf1])('marks Fi reserved for TA1 %p', (ta1) => {
    expect(transmissionParameters(ta1).fi).toBeUndefined();
    expect(transmissionParameters(ta1).maxBitRate).toBeUndefined();
  });

  it.each([0x10, 0x1a, 0x1f])('marks Di reserved for TA1 %p', (ta1) => {
    expect(transmissionParameters(ta1).di).toBeUndefined();
    expect(transmissionParameters(ta1).fi).toBe(372);
  });
});
