/**
 * The seed's PySCard scripts (Python 3 versions in test/parity) and their Node ports, run side by
 * side against the same real pcscd and virtual card: both must print the same lines, and those
 * lines must be the seed's "Expected result (on Debian)".
 */
import { withHarness } from '../harness/with-harness';
import { type Language, RunningScript, runScript } from '../parity/run-script';
import { seedCardT0 } from '../parity/seed-card';
import { COMMAND, SELECT } from '../fixtures/seed';

const harness = withHarness({ card: seedCardT0 });
jest.setTimeout(60_000);

const LANGUAGES: readonly Language[] = ['python', 'node'];
const READER = 'Virtual PCD 00 00';
const DATA_LINE = '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]';
const SHARING_VIOLATION = 'CardConnectionException: Unable to connect with protocol: T0 or T1. Sharing violation.';
const CARD_WAS_RESET = 'CardConnectionException: Failed to transmit with protocol T0. Card was reset.';

function commandLines(times: number): string[] {
  return Array.from({ length: times }, () => [DATA_LINE, 'Command: 90 00']).flat();
}

describe('PySCard parity on a real pcscd', () => {
  it('the looping program lists the readers, selects the applet and prints the same data and SW lines', async () => {
    expect(harness.readerName).toBe(READER);
    const expected = ["['Virtual PCD 00 00', 'Virtual PCD 00 01']", `Using: ${READER}`, 'Select: 90 00', ...commandLines(3)];
    const python = await runScript('python', 'loop', ['3']);
    const node = await runScript('node', 'loop', ['3']);
    expect(python.lines).toEqual(expected);
    expect(node.lines).toEqual(python.lines);
    expect(node.stderr).toBe('');
  });

  describe.each(LANGUAGES)('while exclusive.%s holds the card', (holderLanguage) => {
    it.each(LANGUAGES)('shared.%s gets the same sharing violation line', async (language) => {
      const holder = new RunningScript(holderLanguage, 'exclusive');
      try {
        await holder.waitForLine('Holding');
        const contender = await runScript(language, 'shared');
        expect(contender.lines).toEqual([`Using: ${READER}`, SHARING_VIOLATION]);
      } finally {
        holder.sendLine();
        const held = await holder.finished();
        expect(held.lines).toEqual([`Using: ${READER}`, 'Holding']);
      }
    });
  });

  describe.each(LANGUAGES)('when the card is reset under loop.%s', (loopLanguage) => {
    it.each(LANGUAGES)('by reset.%s, the next transmit fails with "Card was reset."', async (resetLanguage) => {
      const loop = new RunningScript(loopLanguage, 'loop', ['6', '3']);
      let resetOutput: string[] = [];
      let commandsBefore = 0;
      let resetsBefore = 0;
      try {
        await loop.waitForLine('Waiting');
        resetsBefore = harness.card.resetCount;
        resetOutput = (await runScript(resetLanguage, 'reset')).lines;
        commandsBefore = harness.card.commandCount;
      } finally {
        loop.sendLine();
      }
      const result = await loop.finished();
      expect(resetOutput).toEqual([`Using: ${READER}`]);
      expect(harness.card.resetCount).toBeGreaterThan(resetsBefore);
      // pcscd refuses the command before it reaches the reset card (El Capitan sent it: 69 85).
      expect(harness.card.commandCount).toBe(commandsBefore);
      expect(result.lines).toEqual([
        "['Virtual PCD 00 00', 'Virtual PCD 00 01']",
        `Using: ${READER}`,
        'Select: 90 00',
        ...commandLines(3),
        'Waiting',
        CARD_WAS_RESET,
      ]);
    });
  });

  it('observer output, protocol, ATR, reconnect, errors and CardRequest print the same lines', async () => {
    const python = await runScript('python', 'messages');
    const node = await runScript('node', 'messages');
    expect(node.lines).toEqual(python.lines);
    expect(python.lines).toEqual([
      "['SCard$DefaultReaders']",
      'CardConnectionException: Invalid protocol in transmit: must be CardConnection.T0_protocol, ' +
        'CardConnection.T1_protocol, or CardConnection.RAW_protocol',
      'CardConnectionException: Card not connected',
      'CardConnectionException: Card not connected',
      '3',
      `connecting to ${READER}`,
      `1 ${READER}`,
      '3B 65 00 00 9C 11 01 01 03',
      `> ${SELECT}`,
      '<  [] 90 00',
      '([], 144, 0)',
      `> ${COMMAND}`,
      '< 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00',
      '([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 144, 0)',
      `reconnecting to ${READER}`,
      `> ${COMMAND}`,
      '<  [] 69 85',
      '([], 105, 133)',
      `disconnecting from ${READER}`,
      'NoCardException: Unable to connect: No smart card inserted. (0x8010000C)',
      'CardRequestTimeoutException: Time-out during card request',
      READER,
      `[3B 65 00 00 9C 11 01 01 03 / ${READER}]`,
    ]);
  });

  it('the low-level smartcard.scard calls return the same hresults and values, sharing violation and reset included', async () => {
    const python = await runScript('python', 'lowlevel');
    const node = await runScript('node', 'lowlevel');
    expect(node.stderr).toBe('');
    expect(node.lines).toEqual(python.lines);
    expect(python.lines).toEqual(
      expect.arrayContaining([
        "ListReaders: 0x0 Command successful. ['Virtual PCD 00 00', 'Virtual PCD 00 01']",
        'Command: 0x0 Command successful. [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 144, 0]',
        'GetStatusChange unchanged: 0x8010000a Command timeout.',
        'Exclusive while shared: 0x8010000b Sharing violation.',
        'Command after reset: 0x80100068 Card was reset. []',
        'Transmit on a closed handle: 0x80100003 Invalid handle.',
        'ListReaders after release: 0x80100003 Invalid handle. []',
      ]),
    );
    expect(python.lines).toHaveLength(21);
  });

  it('PCSCPart10: the reader features asked through SCardControl and the parsers print the same lines', async () => {
    const python = await runScript('python', 'part10');
    const node = await runScript('node', 'part10');
    expect(node.stderr).toBe('');
    expect(node.lines).toEqual(python.lines);
    // vpcd announces no part 10 features: SCardControl answers SCARD_E_UNSUPPORTED_FEATURE.
    expect(python.lines.slice(0, 5)).toEqual([
      '1107299656',
      'features SmartcardException: Failed to control Feature not supported.',
      'pin SmartcardException: Failed to control Feature not supported.',
      'tlv SmartcardException: Failed to control Feature not supported.',
      "pin without features {'raw': []}",
    ]);
    expect(python.lines).toHaveLength(8);
  });
});
