/**
 * SCardStatus, SCardGetAttrib, SCardSetAttrib and SCardControl through the 'winscard' driver give
 * what PySCard gets from its own libpcsclite client, on the same real pcscd and card.
 */
import { WinscardDriver } from '../../src/adapters/winscard/winscard-driver';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../src/driver/scard-constants';
import * as rc from '../../src/driver/return-codes';
import { withHarness } from '../harness/with-harness';
import { runScript } from '../parity/run-script';

const harness = withHarness();
jest.setTimeout(60_000);

/** ifdhandler.h's TAG_IFD_SLOTS_NUMBER: the one attribute the vpcd reader driver answers. */
const TAG_IFD_SLOTS_NUMBER = 0x0fae;
const SCARD_ATTR_ATR_STRING = 0x90303;
const SCARD_ATTR_DEVICE_FRIENDLY_NAME_A = 0x7fff0003;
const SCARD_ATTR_VENDOR_NAME = 0x10100;
const CM_IOCTL_GET_FEATURE_REQUEST = 0x42000000 + 3400;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const code = (value: number): string => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
const id = (value: number): string => `0x${value.toString(16).toUpperCase()}`;

async function winscardLines(reader: string): Promise<string[]> {
  const driver = new WinscardDriver();
  try {
    const context = await driver.establishContext();
    if (!context.ok) throw new Error(`SCardEstablishContext: ${code(context.rc)}`);
    const card = await driver.connect(context.value, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
    if (!card.ok) throw new Error(`SCardConnect: ${code(card.rc)}`);
    const handle = card.value.handle;
    const lines: string[] = [];
    const status = await driver.status(handle);
    lines.push(
      status.ok
        ? `status ${code(status.rc)} ${status.value.reader} ${id(status.value.state)} ${status.value.protocol} ${hex(status.value.atr)}`
        : `status ${code(status.rc)}`,
    );
    for (const attribute of [TAG_IFD_SLOTS_NUMBER, SCARD_ATTR_ATR_STRING, SCARD_ATTR_DEVICE_FRIENDLY_NAME_A, SCARD_ATTR_VENDOR_NAME]) {
      const value = await driver.getAttribute(handle, attribute);
      lines.push(`get ${id(attribute)} ${code(value.rc)} ${value.ok ? hex(value.value) : ''}`);
    }
    lines.push(`set ${id(SCARD_ATTR_VENDOR_NAME)} ${code(await driver.setAttribute(handle, SCARD_ATTR_VENDOR_NAME, Uint8Array.of(0x41)))}`);
    const control = await driver.control(handle, CM_IOCTL_GET_FEATURE_REQUEST, new Uint8Array(0));
    lines.push(`control ${id(CM_IOCTL_GET_FEATURE_REQUEST)} ${code(control.rc)} ${control.ok ? hex(control.value) : ''}`);
    await driver.disconnect(handle, SCARD_LEAVE_CARD);
    return lines;
  } finally {
    await driver.dispose();
  }
}

describe('status, attributes and control through winscard against PySCard on the real pcscd', () => {
  let python: string[];
  let node: string[];

  beforeAll(async () => {
    const result = await runScript('python', 'attributes', [harness.readerName]);
    python = result.lines.map((line) => line.trimEnd());
    node = (await winscardLines(harness.readerName)).map((line) => line.trimEnd());
  });

  it('SCardStatus names the reader, the powered card, its protocol and its ATR as PySCard sees them', () => {
    expect(node[0]).toBe(python[0]);
    expect(node[0]).toMatch(new RegExp(`^status ${code(rc.SCARD_S_SUCCESS)} ${harness.readerName} 0x[0-9A-F]*34 2 ${hex(harness.card.atr)}$`));
  });

  it('SCardGetAttrib answers what PySCard gets: the vpcd slot count, and the same codes for what vpcd lacks', () => {
    expect(node.slice(1, 5)).toEqual(python.slice(1, 5));
    expect(node[1]).toBe(`get ${id(TAG_IFD_SLOTS_NUMBER)} ${code(rc.SCARD_S_SUCCESS)} 02`);
    expect(node[2]).toBe(`get ${id(SCARD_ATTR_ATR_STRING)} ${code(rc.SCARD_E_UNSUPPORTED_FEATURE)}`);
    // pcscd 1.9.9 with vpcd answers the friendly name with a too-small-buffer code whatever the buffer.
    expect(node[3]).toBe(`get ${id(SCARD_ATTR_DEVICE_FRIENDLY_NAME_A)} ${code(rc.SCARD_E_INSUFFICIENT_BUFFER)}`);
  });

  it('SCardSetAttrib and SCardControl give PySCard’s codes and answers', () => {
    expect(node.slice(5)).toEqual(python.slice(5));
    expect(node[5]).toBe(`set ${id(SCARD_ATTR_VENDOR_NAME)} ${code(rc.SCARD_E_NOT_TRANSACTED)}`);
    expect(node).toHaveLength(7);
  });
});
