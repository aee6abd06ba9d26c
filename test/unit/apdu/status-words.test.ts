import { describeStatusWord } from '../../../src/apdu/status-words';

describe('describeStatusWord', () => {
  it.each([
    [0x90, 0x00, 'Success'],
    [0x62, 0x82, 'Warning: end of file or record reached before Le bytes were read'],
    [0x65, 0x81, 'Execution error: memory failure'],
    [0x67, 0x00, 'Wrong length (Lc or Le)'],
    [0x68, 0x82, 'Secure messaging not supported'],
    [0x69, 0x82, 'Security status not satisfied'],
    [0x69, 0x83, 'Authentication method blocked'],
    [0x69, 0x85, 'Conditions of use not satisfied'],
    [0x6a, 0x82, 'File or application not found'],
    [0x6a, 0x86, 'Incorrect parameters P1-P2'],
    [0x6d, 0x00, 'Instruction code not supported or invalid'],
    [0x6e, 0x00, 'Class not supported'],
    [0x6f, 0x00, 'No precise diagnosis'],
  ])('%s %s', (sw1, sw2, text) => {
    expect(describeStatusWord(sw1, sw2)).toBe(text);
  });

  it('reads the byte count of 61xx and 6Cxx', () => {
    expect(describeStatusWord(0x61, 0x1c)).toMatch(/28 response bytes still available/);
    expect(describeStatusWord(0x61, 0x00)).toMatch(/256 or more/);
    expect(describeStatusWord(0x6c, 0x08)).toMatch(/Wrong Le field: resend with Le = 8/);
    expect(describeStatusWord(0x6c, 0x00)).toMatch(/Le = 256/);
  });

  it('reads the counter of 63Cx', () => {
    expect(describeStatusWord(0x63, 0xc3)).toBe('Warning: counter is 3 (e.g. verification retries left)');
    expect(describeStatusWord(0x63, 0xc0)).toMatch(/counter is 0/);
  });

  it('falls back to the SW1 group, proprietary or unknown', () => {
    expect(describeStatusWord(0x62, 0x10)).toMatch(/triggering by the card/);
    expect(describeStatusWord(0x6a, 0x99)).toBe('Wrong parameters P1-P2: 6A99');
    expect(describeStatusWord(0x69, 0x42)).toBe('Command not allowed: 6942');
    expect(describeStatusWord(0x91, 0x00)).toBe('Proprietary status 9100');
    expect(describeStatusWord(0x12, 0x34)).toBe('Unknown status word 1234');
  });
});
