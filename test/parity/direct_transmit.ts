// Node port of direct_transmit.py, line for line.
import {
  configure,
  print,
  shutdown,
  SCardConnect,
  SCardDisconnect,
  SCardEstablishContext,
  SCardGetErrorMessage,
  SCardListReaders,
  SCardReleaseContext,
  SCardTransmit,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_RAW,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_PROTOCOL_UNDEFINED,
  SCARD_RESET_CARD,
  SCARD_SCOPE_USER,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_SHARED,
  SCARD_UNPOWER_CARD,
} from '../../src/pyscard';
import { parityDriver } from './script-io';

const SELECT = [0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff];

function show(label: string, hresult: number, ...values: unknown[]): void {
  print(label, `0x${(hresult >>> 0).toString(16)}`, SCardGetErrorMessage(hresult), ...values);
}

async function main(): Promise<void> {
  await configure({ driver: parityDriver() });
  const [, hcontext] = await SCardEstablishContext(SCARD_SCOPE_USER);
  const [, readers] = await SCardListReaders(hcontext, []);
  const [full, empty] = [readers[0]!, readers[1]!];

  // Powered down first, so that no protocol is negotiated.
  let [hresult, hcard, protocol] = await SCardConnect(hcontext, full, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED);
  await SCardDisconnect(hcard, SCARD_UNPOWER_CARD);
  [hresult, hcard, protocol] = await SCardConnect(hcontext, full, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED);
  show('Direct:', hresult, protocol);
  let response: number[];
  [hresult, response] = await SCardTransmit(hcard, protocol, SELECT);
  show('Transmit, protocol 0:', hresult, response);
  [hresult, response] = await SCardTransmit(hcard, SCARD_PROTOCOL_RAW, SELECT);
  show('Transmit, RAW:', hresult, response);
  [hresult, response] = await SCardTransmit(hcard, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SELECT);
  show('Transmit, T0|T1:', hresult);
  // Another application negotiates a protocol: the 'direct' handle still says 0.
  const [, other] = await SCardEstablishContext(SCARD_SCOPE_USER);
  const [sharedResult, hshared, negotiated] = await SCardConnect(other, full, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  show('Shared by another:', sharedResult, negotiated);
  [hresult, response] = await SCardTransmit(hcard, protocol, SELECT);
  show('Transmit, protocol 0, protocol negotiated:', hresult, response);
  show('Disconnect:', await SCardDisconnect(hshared, SCARD_LEAVE_CARD));
  show('ReleaseContext:', await SCardReleaseContext(other));
  show('Disconnect:', await SCardDisconnect(hcard, SCARD_LEAVE_CARD));

  [hresult, hcard, protocol] = await SCardConnect(hcontext, empty, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED);
  show('Direct, no card:', hresult, protocol);
  [hresult, response] = await SCardTransmit(hcard, protocol, SELECT);
  show('Transmit, protocol 0, no card:', hresult, response);
  show('Disconnect:', await SCardDisconnect(hcard, SCARD_LEAVE_CARD));

  [hresult, hcard, protocol] = await SCardConnect(hcontext, full, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
  show('Shared, T=1:', hresult, protocol);
  [hresult, response] = await SCardTransmit(hcard, SCARD_PROTOCOL_T0, SELECT);
  show('Transmit, T=0 on T=1:', hresult, response);
  [hresult, response] = await SCardTransmit(hcard, protocol, SELECT);
  show('Transmit, T=1:', hresult, response);
  show('Disconnect:', await SCardDisconnect(hcard, SCARD_RESET_CARD));
  show('ReleaseContext:', await SCardReleaseContext(hcontext));
  await shutdown();
}

void main();
