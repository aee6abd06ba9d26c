import { ApduError } from '../../../src/errors/apdu-error';
import {
  SCardBeginTransaction,
  SCardConnect,
  SCardControl,
  SCardDisconnect,
  SCardEndTransaction,
  SCardEstablishContext,
  SCardGetStatusChange,
  SCardListReaderGroups,
  SCardListReaders,
  SCardReleaseContext,
  SCardStatus,
  SCardTransmit,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_TIMEOUT,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_S_SUCCESS,
  SCARD_SCOPE_USER,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAWARE,
} from '../../../src/pyscard';
import { COMMAND, COUNTING, SELECT, closeSimulatedFacade, simulatedFacade } from './simulated-facade';

afterEach(closeSimulatedFacade);

const T0_T1 = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;

async function context(): Promise<number> {
  const [hresult, hcontext] = await SCardEstablishContext(SCARD_SCOPE_USER);
  expect(hresult).toBe(SCARD_S_SUCCESS);
  return hcontext;
}

describe("PySCard's low-level smartcard.scard calls on the simulator", () => {
  it('connect, transmit, status and disconnect answer [hresult, ...] as PySCard does', async () => {
    const { readerName } = await simulatedFacade();
    const hcontext = await context();
    expect(await SCardListReaders(hcontext, [])).toEqual([SCARD_S_SUCCESS, [readerName]]);
    expect(await SCardListReaderGroups(hcontext)).toEqual([SCARD_S_SUCCESS, ['SCard$DefaultReaders']]);
    const [connected, hcard, protocol] = await SCardConnect(hcontext, readerName, SCARD_SHARE_SHARED, T0_T1);
    expect([connected, protocol]).toEqual([SCARD_S_SUCCESS, SCARD_PROTOCOL_T0]);
    expect(await SCardTransmit(hcard, protocol, SELECT)).toEqual([SCARD_S_SUCCESS, [0x90, 0x00]]);
    expect(await SCardTransmit(hcard, protocol, COMMAND)).toEqual([SCARD_S_SUCCESS, [...COUNTING, 0x90, 0x00]]);
    const [statusResult, name, , active, atr] = await SCardStatus(hcard);
    expect([statusResult, name, active, atr.length]).toEqual([SCARD_S_SUCCESS, readerName, SCARD_PROTOCOL_T0, 9]);
    expect(await SCardDisconnect(hcard, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    expect(await SCardReleaseContext(hcontext)).toBe(SCARD_S_SUCCESS);
  });

  it("failures give PySCard's empty values: handle 0, no data, an empty reader name", async () => {
    const { readerName, slot } = await simulatedFacade();
    const hcontext = await context();
    const [, holder] = await SCardConnect(hcontext, readerName, SCARD_SHARE_EXCLUSIVE, T0_T1);
    const other = await context();
    expect(await SCardConnect(other, readerName, SCARD_SHARE_SHARED, T0_T1)).toEqual([SCARD_E_SHARING_VIOLATION, 0, 0]);
    expect(await SCardStatus(4242)).toEqual([SCARD_E_INVALID_HANDLE, '', 0, 0, []]);
    expect(await SCardTransmit(4242, SCARD_PROTOCOL_T0, COMMAND)).toEqual([SCARD_E_INVALID_HANDLE, []]);
    expect(await SCardControl(4242, 0x42000001, [])).toEqual([SCARD_E_INVALID_HANDLE, []]);
    expect(await SCardBeginTransaction(4242)).toBe(SCARD_E_INVALID_HANDLE);
    expect(await SCardEndTransaction(4242, SCARD_LEAVE_CARD)).toBe(SCARD_E_INVALID_HANDLE);
    expect(await SCardEstablishContext(7)).toEqual([SCARD_E_INVALID_VALUE, 0]);
    await SCardDisconnect(holder, SCARD_LEAVE_CARD);
    slot.remove();
    expect(await SCardConnect(other, readerName, SCARD_SHARE_SHARED, T0_T1)).toEqual([SCARD_E_NO_SMARTCARD, 0, 0]);
    await SCardReleaseContext(hcontext);
    expect(await SCardListReaders(hcontext, [])).toEqual([SCARD_E_INVALID_HANDLE, []]);
  });

  it('an APDU that is not a command is refused with ApduError before it reaches the card', async () => {
    const { readerName, card } = await simulatedFacade();
    const [, hcard, protocol] = await SCardConnect(await context(), readerName, SCARD_SHARE_SHARED, T0_T1);
    const received = card.commandCount;
    await expect(SCardTransmit(hcard, protocol, [0x00, 0xa4])).rejects.toBeInstanceOf(ApduError);
    await expect(SCardTransmit(hcard, protocol, [0x00, 0xa4, 0x04, 0x100])).rejects.toBeInstanceOf(ApduError);
    expect(card.commandCount).toBe(received);
  });

  it('get-status-change reports a change at once, and on a timeout returns the current states', async () => {
    const { readerName, slot } = await simulatedFacade();
    const hcontext = await context();
    const [changed, states] = await SCardGetStatusChange(hcontext, 0, [[readerName, SCARD_STATE_UNAWARE]]);
    expect(changed).toBe(SCARD_S_SUCCESS);
    const [name, eventState, atr] = states[0]!;
    expect([name, Boolean(eventState & SCARD_STATE_PRESENT), Boolean(eventState & SCARD_STATE_CHANGED), atr.length]).toEqual([readerName, true, true, 9]);
    const current = eventState & ~SCARD_STATE_CHANGED;
    const [timedOut, unchanged] = await SCardGetStatusChange(hcontext, 30, [[readerName, current, [1, 2]]]);
    expect(timedOut).toBe(SCARD_E_TIMEOUT);
    expect(unchanged).toEqual([[readerName, current, atr]]);
    const waiting = SCardGetStatusChange(hcontext, 5000, [[readerName, current]]);
    slot.remove();
    const [removed, after] = await waiting;
    expect(removed).toBe(SCARD_S_SUCCESS);
    expect(after[0]![1] & SCARD_STATE_EMPTY).toBeTruthy();
  });

  it('transmit with a protocol other than the one connected is a protocol mismatch, as on pcsc-lite', async () => {
    const { readerName } = await simulatedFacade();
    const [, hcard] = await SCardConnect(await context(), readerName, SCARD_SHARE_SHARED, T0_T1);
    const [hresult] = await SCardTransmit(hcard, SCARD_PROTOCOL_T1, COMMAND);
    expect(hresult).toBe(SCARD_E_PROTO_MISMATCH);
  });
});

describe('SCardReleaseContext', () => {
  afterEach(closeSimulatedFacade);

  it('disconnects what the context still holds, so another application can take the card exclusively', async () => {
    const { readerName } = await simulatedFacade();
    const first = await context();
    const [, hcard] = await SCardConnect(first, readerName, SCARD_SHARE_EXCLUSIVE, T0_T1);
    const second = await context();
    expect((await SCardConnect(second, readerName, SCARD_SHARE_EXCLUSIVE, T0_T1))[0]).toBe(SCARD_E_SHARING_VIOLATION);
    expect(await SCardReleaseContext(first)).toBe(SCARD_S_SUCCESS);
    expect((await SCardConnect(second, readerName, SCARD_SHARE_EXCLUSIVE, T0_T1))[0]).toBe(SCARD_S_SUCCESS);
    expect(await SCardTransmit(hcard, SCARD_PROTOCOL_T0, COMMAND)).toEqual([SCARD_E_INVALID_HANDLE, []]);
  });
});
