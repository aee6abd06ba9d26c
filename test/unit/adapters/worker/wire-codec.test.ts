import { decodeWire, encodeWire } from '../../../../src/adapters/worker/wire-codec';

const roundTrip = (value: unknown): unknown => decodeWire(JSON.parse(JSON.stringify(encodeWire(value))));

describe('worker wire codec', () => {
  it('carries bytes nested in outcomes as plain Uint8Arrays of their own', () => {
    const atr = Buffer.from([0x3b, 0x80]);
    const decoded = roundTrip({ rc: 0, value: [{ reader: 'R', eventState: 0x20, atr }] }) as {
      value: [{ reader: string; eventState: number; atr: Uint8Array }];
    };
    expect(decoded.value[0]).toEqual({ reader: 'R', eventState: 0x20, atr: expect.any(Uint8Array) });
    expect(Buffer.isBuffer(decoded.value[0].atr)).toBe(false);
    expect(Array.from(decoded.value[0].atr)).toEqual([0x3b, 0x80]);
    expect(decoded.value[0].atr.byteOffset).toBe(0);
    expect(decoded.value[0].atr.buffer.byteLength).toBe(2);
  });

  it('keeps empty arrays of bytes, numbers, strings and failed outcomes as they are', () => {
    expect(roundTrip([1, 'two', new Uint8Array(0)])).toEqual([1, 'two', new Uint8Array(0)]);
    expect(roundTrip({ rc: 0x80100003 })).toEqual({ rc: 0x80100003 });
    expect(roundTrip(0)).toBe(0);
  });
});
