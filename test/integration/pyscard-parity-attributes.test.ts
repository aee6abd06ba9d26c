/**
 * SCardGetAttrib / SCardSetAttrib and CardConnection.getAttrib of the PySCard facade against
 * PySCard itself, on the same real pcscd and card, through every real driver. 'pcscd' and
 * 'winscard' have the calls; 'pcsclite' and 'smartcard' answer SCARD_E_UNSUPPORTED_FEATURE.
 */
import { REAL_DRIVERS, type RealDriver } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';
import { runNodePort, runScript } from '../parity/run-script';

const harness = withHarness();
jest.setTimeout(60_000);

/** The drivers whose SCardGetAttrib / SCardSetAttrib reach pcscd. */
const WITH_ATTRIBUTES: readonly RealDriver[] = ['pcscd', 'winscard'];
const withoutAttributes = REAL_DRIVERS.filter((driver) => !WITH_ATTRIBUTES.includes(driver));
const UNSUPPORTED = '0x8010001F';

async function nodeLines(script: string, driver: RealDriver, args: readonly string[] = []): Promise<string[]> {
  const result = await runNodePort(script, driver, args);
  expect(result.stderr).toBe('');
  return result.lines.map((line) => line.trimEnd());
}

describe('smartcard.scard SCardGetAttrib and SCardSetAttrib (attributes.py and its Node port)', () => {
  let python: string[];

  beforeAll(async () => {
    python = (await runScript('python', 'attributes', [harness.readerName])).lines.map((line) => line.trimEnd());
  });

  it('PySCard reads the vpcd slot count and gets pcscd’s codes for the rest', () => {
    expect(python.slice(1, 6)).toEqual([
      'get 0xFAE 0x00000000 02',
      'get 0x90303 0x8010001F',
      'get 0x7FFF0003 0x80100008',
      'get 0x10100 0x8010001F',
      'set 0x10100 0x80100016',
    ]);
    expect(python).toHaveLength(7);
  });

  it.each(WITH_ATTRIBUTES)('through %s the facade prints the same lines', async (driver) => {
    expect(await nodeLines('attributes', driver, [harness.readerName])).toEqual(python);
  });

  it.each(withoutAttributes)('through %s every attribute call answers SCARD_E_UNSUPPORTED_FEATURE with an empty value', async (driver) => {
    // The status line differs by driver ('pcsclite' has no SCardStatus either); the attribute lines do not.
    const node = await nodeLines('attributes', driver, [harness.readerName]);
    expect(node.slice(1, 6)).toEqual([
      `get 0xFAE ${UNSUPPORTED}`,
      `get 0x90303 ${UNSUPPORTED}`,
      `get 0x7FFF0003 ${UNSUPPORTED}`,
      `get 0x10100 ${UNSUPPORTED}`,
      `set 0x10100 ${UNSUPPORTED}`,
    ]);
  });
});

describe('CardConnection.getAttrib (connection_attrib.py and its Node port)', () => {
  let python: string[];

  beforeAll(async () => {
    python = (await runScript('python', 'connection_attrib')).lines;
  });

  it('PySCard answers the slot count and raises SmartcardException with pcscd’s message for the rest', () => {
    expect(python).toEqual([
      '4014 [2]',
      '590595 SmartcardException: Failed to getAttrib Feature not supported.',
      '65792 SmartcardException: Failed to getAttrib Feature not supported.',
    ]);
  });

  it.each(WITH_ATTRIBUTES)('through %s the facade prints the same lines', async (driver) => {
    expect(await nodeLines('connection_attrib', driver)).toEqual(python);
  });

  it.each(withoutAttributes)('through %s every getAttrib raises "Failed to getAttrib Feature not supported."', async (driver) => {
    expect(await nodeLines('connection_attrib', driver)).toEqual(['4014 SmartcardException: Failed to getAttrib Feature not supported.', ...python.slice(1)]);
  });
});
