import { ResponseApdu } from '../../../src/apdu/response-apdu';
import { formatHex, parseHexBytes } from '../../../src/apdu/hex';

const response = (hex: string): ResponseApdu => new ResponseApdu(parseHexBytes(hex));

describe('ResponseApdu', () => {
  it('splits data and status word', () => {
    const res = response('01 02 03 90 00');
    expect(formatHex(res.data)).toBe('01 02 03');
    expect([res.sw1, res.sw2, res.sw]).toEqual([0x90, 0x00, 0x9000]);
    expect(res.ok).toBe(true);
    expect(res.statusText).toBe('Success');
    expect(res.toString()).toBe('01 02 03 90 00');
  });

  it('treats 61xx as ok and errors as not ok', () => {
    expect(response('61 10').ok).toBe(true);
    expect(response('6A 82').ok).toBe(false);
  });

  it('describes the status word', () => {
    expect(response('6A 82').statusText).toBe('File or application not found');
    expect(response('63 C2').statusText).toMatch(/counter is 2/);
    expect(response('61 10').statusText).toMatch(/16 response bytes still available/);
  });

  it('copes with answers shorter than a status word', () => {
    const res = new ResponseApdu(Uint8Array.of(0x90));
    expect(res.data.length).toBe(0);
    expect(res.sw).toBe(0);
    expect(res.statusText).toMatch(/only 1 byte/);
  });
});
