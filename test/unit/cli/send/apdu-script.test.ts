import { UsageError } from '../../../../src/cli/cli-errors';
import { parseArguments, parseScript } from '../../../../src/cli/send/apdu-script';

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

describe('send script parsing', () => {
  it('reads APDUs, comments, resets, continuations and exit', () => {
    const steps = parseScript(
      ['# comment', '00A4040000', '  00 B0 00 00 \\', '   10', 'Reset', '80 CA 9F 7F 00 # tag', 'exit', '00 00 00 00'].join('\n'),
      'file.apdu',
    );
    expect(steps.map((step) => (step.kind === 'reset' ? `reset@${step.where}` : `${hexOf(step.bytes)}@${step.where}`))).toEqual([
      '00A4040000@file.apdu:2',
      '00B0000010@file.apdu:3',
      'reset@file.apdu:5',
      '80CA9F7F00@file.apdu:6',
    ]);
  });

  it('names the line of a malformed APDU', () => {
    expect(() => parseScript('00A4040000\n\n00 A4 0', 'x.apdu')).toThrow(
      new UsageError('x.apdu:3: Expected `hex` to have an even number of hex digits, got 5: "00 A4 0".'),
    );
  });

  it('treats each argument as one APDU or reset', () => {
    const steps = parseArguments(['00 A4 04 00', 'reset']);
    expect(steps.map((step) => step.kind)).toEqual(['command', 'reset']);
    expect(() => parseArguments(['00'])).toThrow(UsageError);
  });
});
