/**
 * The calls the npm bindings lack, on the real pcscd through the 'pcscd' driver, each checked
 * against what PySCard (libpcsclite) reads on the same card: SCardStatus, SCardGetAttrib,
 * SCardSetAttrib; and SCardReconnect with its effect on another handle.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { CardResetError, PcscError } from '../../src/errors';
import { runScript } from '../parity/run-script';
import { withHarness } from '../harness/with-harness';
import { SELECT } from '../fixtures/seed';

const harness = withHarness();
const SCRIPT = '../integration/fixtures/card-attributes';
/**
 * SCARD_ATTR_ATR_STRING, SCARD_ATTR_VENDOR_NAME, SCARD_ATTR_CHANNEL_ID, SCARD_ATTR_MAXINPUT,
 * SCARD_ATTR_DEVICE_FRIENDLY_NAME. vpcd answers none of them (pcscd 1.9.9 even answers the friendly
 * name with SCARD_E_INSUFFICIENT_BUFFER to a full 264-byte buffer from C); the data path of a
 * successful read is covered against the fake daemon.
 */
const ATTRIBUTES = [0x00090303, 0x00010100, 0x00020110, 0x0007a007, 0x7fff0003];

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase() || '-';
}

function code(value: number): string {
  return (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

jest.setTimeout(60_000);

describe("card features through 'pcscd', side by side with PySCard", () => {
  let pcsc: Pcsc;
  let python: string[];
  beforeAll(async () => {
    const result = await runScript('python', SCRIPT, [harness.readerName, ...ATTRIBUTES.map((id) => id.toString(16))]);
    expect(result.code).toBe(0);
    python = result.lines;
    pcsc = await Pcsc.open({ driver: 'pcscd', quirks: 'none' });
  });
  afterAll(async () => {
    await pcsc.close();
  });

  it('card.status() reports what SCardStatus reports through libpcsclite', async () => {
    const card = await pcsc.connect(harness.readerName);
    const status = await card.status();
    const protocol = status.protocol === 'T0' ? 1 : status.protocol === 'T1' ? 2 : 0;
    expect(status.reader).toBe(harness.readerName);
    expect(hex(status.atr)).toBe(hex(harness.card.atr));
    expect(`status ${code(status.stateBits)} ${protocol} ${hex(status.atr)}`).toBe(python.find((line) => line.startsWith('status ')));
    await card.disconnect();
  });

  it('card.getAttribute() and setAttribute() answer as SCardGetAttrib and SCardSetAttrib do', async () => {
    const card = await pcsc.connect(harness.readerName);
    const ours: string[] = [];
    for (const id of ATTRIBUTES) {
      try {
        ours.push(`get ${id.toString(16).toUpperCase()} 00000000 ${hex(await card.getAttribute(id))}`);
      } catch (error) {
        if (!(error instanceof PcscError)) throw error;
        ours.push(`get ${id.toString(16).toUpperCase()} ${code(error.code)} -`);
      }
      try {
        await card.setAttribute(id, Uint8Array.of(0x01));
        ours.push(`set ${id.toString(16).toUpperCase()} 00000000`);
      } catch (error) {
        if (!(error instanceof PcscError)) throw error;
        ours.push(`set ${id.toString(16).toUpperCase()} ${code(error.code)}`);
      }
    }
    expect(ours).toEqual(python.filter((line) => line.startsWith('get ') || line.startsWith('set ')));
    // vpcd supports none of these: the point is the same code as libpcsclite, as a typed error.
    expect(ours[0]).toBe('get 90303 8010001F -');
    await card.disconnect();
  });

  it("card.reconnect({ initialization: 'reset' }) resets the card: another handle sees CardResetError, this one goes on", async () => {
    const card = await pcsc.connect(harness.readerName);
    const other = await pcsc.connect(harness.readerName);
    await other.transmit(SELECT);
    const resetsBefore = harness.card.log.length;
    await card.reconnect({ initialization: 'reset' });
    await expect(other.transmit(SELECT)).rejects.toBeInstanceOf(CardResetError);
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    expect(harness.card.log.length).toBeGreaterThan(resetsBefore);
    await other.reconnect();
    expect((await other.transmit(SELECT)).sw).toBe(0x9000);
    await card.disconnect();
    await other.disconnect();
  });
});
