// Node port of lowlevel.py, line for line.
import {
  print,
  pyTuple,
  toHexString,
  SCardConnect,
  SCardDisconnect,
  SCardEstablishContext,
  SCardGetErrorMessage,
  SCardGetStatusChange,
  SCardIsValidContext,
  SCardListReaders,
  SCardReconnect,
  SCardReleaseContext,
  SCardStatus,
  SCardTransmit,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_RESET_CARD,
  SCARD_SCOPE_USER,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_STATE_CHANGED,
  SCARD_STATE_UNAWARE,
} from '../../src/pyscard';

const SELECT = [0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff];
const COMMAND = [0x80, 0x34, 0x00, 0x0e, 0x0e];

function show(label: string, hresult: number, ...values: unknown[]): void {
  print(label, hex(hresult), SCardGetErrorMessage(hresult), ...values);
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

async function main(): Promise<void> {
  let hresult: number;
  let hcontext: number;
  [hresult, hcontext] = await SCardEstablishContext(SCARD_SCOPE_USER);
  show('EstablishContext:', hresult);
  show('IsValidContext:', await SCardIsValidContext(hcontext));
  const [listed, readers] = await SCardListReaders(hcontext, []);
  show('ListReaders:', listed, readers);
  const reader = readers[0]!;

  let [connected, hcard, protocol] = await SCardConnect(hcontext, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  show('Connect:', connected, protocol);
  let response: number[];
  [hresult, response] = await SCardTransmit(hcard, protocol, SELECT);
  show('Select:', hresult, response);
  [hresult, response] = await SCardTransmit(hcard, protocol, COMMAND);
  show('Command:', hresult, response);
  const [statusResult, name, state, active, atr] = await SCardStatus(hcard);
  show('Status:', statusResult, name, hex(state & 0xffff), active, toHexString(atr));

  let [changed, states] = await SCardGetStatusChange(hcontext, 0, [[reader, SCARD_STATE_UNAWARE]]);
  show(
    'GetStatusChange:',
    changed,
    states.map(([n, s, a]) => pyTuple([n, hex(s & 0xffff), toHexString(a)])),
  );
  const current = states[0]![1] & ~SCARD_STATE_CHANGED;
  [changed, states] = await SCardGetStatusChange(hcontext, 100, [[reader, current]]);
  show('GetStatusChange unchanged:', changed);

  const [, other] = await SCardEstablishContext(SCARD_SCOPE_USER);
  let [connected2, hcard2, protocol2] = await SCardConnect(other, reader, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  show('Exclusive while shared:', connected2);
  [connected2, hcard2, protocol2] = await SCardConnect(other, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  show('Second shared:', connected2, protocol2);
  show('Reset by the other:', await SCardDisconnect(hcard2, SCARD_RESET_CARD));
  [hresult, response] = await SCardTransmit(hcard, protocol, COMMAND);
  show('Command after reset:', hresult, response);
  [connected, protocol] = await SCardReconnect(hcard, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD);
  show('Reconnect:', connected, protocol);
  [hresult, response] = await SCardTransmit(hcard, protocol, COMMAND);
  show('Command before SELECT:', hresult, response);

  show('Disconnect:', await SCardDisconnect(hcard, SCARD_LEAVE_CARD));
  [hresult, response] = await SCardTransmit(hcard, protocol, COMMAND);
  show('Transmit on a closed handle:', hresult);
  show('ReleaseContext:', await SCardReleaseContext(other));
  show('ReleaseContext:', await SCardReleaseContext(hcontext));
  show('IsValidContext after release:', await SCardIsValidContext(hcontext));
  const [listedAfter, readersAfter] = await SCardListReaders(hcontext, []);
  show('ListReaders after release:', listedAfter, readersAfter);
}

void main();
