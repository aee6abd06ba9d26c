/**
 * smartcard.scard.SCardTransmit naming another protocol than the connection's, through every
 * driver: the Node port prints what PySCard prints on the same pcscd (protocol 0 goes out as RAW,
 * a value PySCard has no header for is refused, T=0 on a T=1 connection is a protocol mismatch).
 */
import { withHarness } from '../harness/with-harness';
import { REAL_DRIVERS } from '../harness/drivers';
import { runNodePort, runScript, type ScriptResult } from '../parity/run-script';

withHarness();
jest.setTimeout(60_000);

describe('SCardTransmit with another protocol than the connection has, PySCard and the facade', () => {
  let python: ScriptResult;

  beforeAll(async () => {
    python = await runScript('python', 'direct_transmit');
  });

  it('PySCard: protocol 0 and RAW reach the card, T0|T1 is refused, T=0 on T=1 mismatches', () => {
    expect(python.lines).toEqual([
      'Direct: 0x0 Command successful. 0',
      'Transmit, protocol 0: 0x0 Command successful. [144, 0]',
      'Transmit, RAW: 0x0 Command successful. [144, 0]',
      'Transmit, T0|T1: 0x80100004 Invalid parameter given.',
      'Shared by another: 0x0 Command successful. 2',
      'Transmit, protocol 0, protocol negotiated: 0x0 Command successful. [144, 0]',
      'Disconnect: 0x0 Command successful.',
      'ReleaseContext: 0x0 Command successful.',
      'Disconnect: 0x0 Command successful.',
      'Direct, no card: 0x0 Command successful. 0',
      'Transmit, protocol 0, no card: 0x80100016 Transaction failed. []',
      'Disconnect: 0x0 Command successful.',
      'Shared, T=1: 0x0 Command successful. 2',
      'Transmit, T=0 on T=1: 0x8010000f Card protocol mismatch. []',
      'Transmit, T=1: 0x0 Command successful. [144, 0]',
      'Disconnect: 0x0 Command successful.',
      'ReleaseContext: 0x0 Command successful.',
    ]);
  });

  it.each(REAL_DRIVERS)('the facade on %s prints the same lines', async (driver) => {
    const node = await runNodePort('direct_transmit', driver);
    expect(node.stderr).toBe('');
    expect(node.lines).toEqual(python.lines);
  });
});
