// Node port of attributes.py, line for line. Harness addition: the driver the test names (configure).
import {
  configure,
  print,
  shutdown,
  SCardConnect,
  SCardControl,
  SCardDisconnect,
  SCardEstablishContext,
  SCardGetAttrib,
  SCardReleaseContext,
  SCardSetAttrib,
  SCardStatus,
  SCARD_ATTR_ATR_STRING,
  SCARD_ATTR_DEVICE_FRIENDLY_NAME_A,
  SCARD_ATTR_VENDOR_NAME,
  SCARD_CTL_CODE,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_SCOPE_USER,
  SCARD_SHARE_SHARED,
} from '../../src/pyscard';
import { parityDriver } from './script-io';

function hexed(data: readonly number[]): string {
  return data.map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function code(hresult: number): string {
  return '0x' + (hresult >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

const TAG_IFD_SLOTS_NUMBER = 0x0fae; // ifdhandler.h: a reader driver's own tag, which vpcd answers

async function main(): Promise<void> {
  await configure({ driver: parityDriver() });
  const reader = process.argv[2]!;
  const [, context] = await SCardEstablishContext(SCARD_SCOPE_USER);
  const [, card] = await SCardConnect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  const [hresult, name, state, protocol, atr] = await SCardStatus(card);
  print(`status ${code(hresult)} ${name} 0x${state.toString(16).toUpperCase()} ${protocol} ${hexed(atr)}`);
  for (const attribute of [TAG_IFD_SLOTS_NUMBER, SCARD_ATTR_ATR_STRING, SCARD_ATTR_DEVICE_FRIENDLY_NAME_A, SCARD_ATTR_VENDOR_NAME]) {
    const [got, value] = await SCardGetAttrib(card, attribute);
    print(`get 0x${attribute.toString(16).toUpperCase()} ${code(got)} ${hexed(value)}`);
  }
  print(`set 0x${SCARD_ATTR_VENDOR_NAME.toString(16).toUpperCase()} ${code(await SCardSetAttrib(card, SCARD_ATTR_VENDOR_NAME, [0x41]))}`);
  const [controlled, response] = await SCardControl(card, SCARD_CTL_CODE(3400), []);
  print(`control 0x${SCARD_CTL_CODE(3400).toString(16).toUpperCase()} ${code(controlled)} ${hexed(response)}`);
  await SCardDisconnect(card, SCARD_LEAVE_CARD);
  await SCardReleaseContext(context);
  await shutdown();
}

void main();
