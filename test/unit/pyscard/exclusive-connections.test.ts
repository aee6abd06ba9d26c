import type { Card } from '../../../src/core/card';
import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import {
  CardConnection,
  CardConnectionDecorator,
  CardConnectionException,
  ExclusiveConnectCardConnection,
  ExclusiveTransmitCardConnection,
  SCardConnect,
  SCardDisconnect,
  SCardEstablishContext,
  SCardGetAttrib,
  SCardSetAttrib,
  SCARD_ATTR_VENDOR_NAME,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_S_SUCCESS,
  SCARD_SCOPE_USER,
  SCARD_SHARE_SHARED,
  SmartcardException,
  error,
  pyStr,
  readers,
  shutdown,
  type CardConnectionEvent,
} from '../../../src/pyscard';
import { COMMAND, COUNTING, SELECT, closeSimulatedFacade, simulatedFacade } from './simulated-facade';

afterEach(closeSimulatedFacade);

async function firstConnection(): Promise<CardConnection> {
  const reader = (await readers())[0];
  if (!reader) throw new Error('no reader');
  return reader.createConnection();
}

/** Lets the event loop turn many times (no timer involved), so any call not held back would have run. */
async function settled(): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Starts `other`'s transaction and checks that it waits until `release` ran, and begins then. */
async function expectHeldBackUntil(other: Card, release: () => Promise<void>): Promise<void> {
  let began = false;
  const contender = other.transaction(() => {
    began = true;
  });
  await settled();
  expect(began).toBe(false);
  await release();
  await contender;
  expect(began).toBe(true);
}

describe('ExclusiveTransmitCardConnection on the simulator', () => {
  it('lock() holds another application’s transaction back until unlock(), while its own commands go through', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const connection = new ExclusiveTransmitCardConnection(await firstConnection());
    await connection.connect();
    // Connected first: SCardConnect itself waits while another application's transaction holds the card.
    const other = await (await otherApplication()).connect(readerName);
    await connection.lock();
    const events: string[] = [];
    const contender = other.transaction(() => {
      events.push('other began');
    });
    expect(await connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
    expect(await connection.transmit(COMMAND)).toEqual([COUNTING, 0x90, 0x00]);
    await settled();
    events.push('unlock');
    await connection.unlock();
    await contender;
    expect(events).toEqual(['unlock', 'other began']);
    await connection.disconnect();
  });

  it('lock() nests: the transaction ends with the last unlock(); one more unlock() is "Transaction failed."', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const connection = new ExclusiveTransmitCardConnection(await firstConnection());
    await connection.connect();
    const other = await (await otherApplication()).connect(readerName);
    await connection.lock();
    await connection.lock();
    await connection.unlock();
    await expectHeldBackUntil(other, () => connection.unlock());
    await expect(connection.unlock()).rejects.toThrow(new CardConnectionException('Failed to unlock with SCardEndTransaction: Transaction failed.'));
    await connection.disconnect();
  });

  it('lock() called again before the first one resolved nests in it', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const connection = new ExclusiveTransmitCardConnection(await firstConnection());
    await connection.connect();
    const other = await (await otherApplication()).connect(readerName);
    await Promise.all([connection.lock(), connection.lock()]);
    await connection.unlock();
    await expectHeldBackUntil(other, () => connection.unlock());
    await connection.disconnect();
  });

  it('disconnect() while locked ends the transaction with the handle, and other applications get the card', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const connection = new ExclusiveTransmitCardConnection(await firstConnection());
    await connection.connect();
    await connection.lock();
    await connection.disconnect();
    const other = await (await otherApplication()).connect(readerName);
    await expect(other.transaction(() => 'began')).resolves.toBe('began');
    await expect(connection.unlock()).rejects.toThrow(new CardConnectionException('Card not connected'));
  });

  it('shutdown() while locked closes the connection; the transaction ends with it', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const connection = new ExclusiveTransmitCardConnection(await firstConnection());
    await connection.connect();
    const other = await (await otherApplication()).connect(readerName);
    await connection.lock();
    await shutdown();
    await expect(other.transaction(() => 'began')).resolves.toBe('began');
  });

  it('lock() before connect() fails as the other calls do', async () => {
    await simulatedFacade();
    const connection = new ExclusiveTransmitCardConnection(await firstConnection());
    await expect(connection.lock()).rejects.toThrow(new CardConnectionException('Card not connected'));
  });
});

describe('ExclusiveConnectCardConnection on the simulator', () => {
  it('connects shared, then again exclusively: other applications get a sharing violation until disconnect()', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const inner = await firstConnection();
    const events: string[] = [];
    inner.addObserver({ update: (_source: unknown, event: CardConnectionEvent) => events.push(event.type) });
    const connection = new ExclusiveTransmitCardConnection(new ExclusiveConnectCardConnection(inner));
    await connection.connect();
    const other = await otherApplication();
    await expect(other.connect(readerName)).rejects.toMatchObject({ codeName: 'SCARD_E_SHARING_VIOLATION' });
    expect(await connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
    expect(connection.getProtocol()).toBe(CardConnection.T0_protocol);
    await connection.disconnect();
    await expect(other.connect(readerName)).resolves.toBeDefined();
    expect(events).toEqual(['connect', 'command', 'response', 'disconnect']);
  });

  it('fails with PySCard’s message when another application holds the card', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const holder = await (await otherApplication()).connect(readerName);
    const connection = new ExclusiveConnectCardConnection(await firstConnection());
    await expect(connection.connect()).rejects.toThrow(new CardConnectionException('Failed to connect with SCARD_SHARE_EXCLUSIVESharing violation.'));
    await holder.disconnect();
  });
});

describe('decorators are CardConnections, as in PySCard', () => {
  it('nest and take a connection’s place', async () => {
    const { readerName } = await simulatedFacade();
    const inner = await firstConnection();
    const decorated = new ExclusiveTransmitCardConnection(new CardConnectionDecorator(inner));
    expect(decorated).toBeInstanceOf(CardConnection);
    expect(decorated.getReader()).toBe(readerName);
    expect(decorated.component).toBeInstanceOf(CardConnectionDecorator);
  });
});

describe('getAttrib and SCardGetAttrib / SCardSetAttrib', () => {
  it('CardConnection.getAttrib tells observers and fails with PySCard’s text where the driver has no attributes', async () => {
    await simulatedFacade();
    const connection = await firstConnection();
    const events: Array<[string, unknown]> = [];
    connection.addObserver({ update: (_source: unknown, event: CardConnectionEvent) => events.push([event.type, event.args]) });
    await expect(connection.getAttrib(SCARD_ATTR_VENDOR_NAME)).rejects.toThrow(new CardConnectionException('Card not connected'));
    await connection.connect();
    const failure = connection.getAttrib(SCARD_ATTR_VENDOR_NAME);
    await expect(failure).rejects.toThrow(new SmartcardException('Failed to getAttrib Feature not supported.'));
    await expect(failure).rejects.not.toBeInstanceOf(CardConnectionException);
    expect(events.filter(([type]) => type === 'attrib')).toEqual([
      ['attrib', [SCARD_ATTR_VENDOR_NAME]],
      ['attrib', [SCARD_ATTR_VENDOR_NAME]],
    ]);
    await connection.disconnect();
  });

  it('return [hresult, bytes] and hresult, and refuse a bad attribute id or value before PC/SC', async () => {
    const { readerName } = await simulatedFacade();
    const [, hcontext] = await SCardEstablishContext(SCARD_SCOPE_USER);
    const [connected, hcard] = await SCardConnect(hcontext, readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
    expect(connected).toBe(SCARD_S_SUCCESS);
    expect(await SCardGetAttrib(hcard, SCARD_ATTR_VENDOR_NAME)).toEqual([SCARD_E_UNSUPPORTED_FEATURE, []]);
    expect(await SCardSetAttrib(hcard, SCARD_ATTR_VENDOR_NAME, [0x41])).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(await SCardGetAttrib(4242, SCARD_ATTR_VENDOR_NAME)).toEqual([SCARD_E_INVALID_HANDLE, []]);
    expect(await SCardSetAttrib(4242, SCARD_ATTR_VENDOR_NAME, [0x41])).toBe(SCARD_E_INVALID_HANDLE);
    await expect(SCardGetAttrib(hcard, -1)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(SCardGetAttrib(hcard, 2 ** 32)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(SCardSetAttrib(hcard, 1.5, [])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(SCardSetAttrib(hcard, SCARD_ATTR_VENDOR_NAME, [256])).rejects.toThrow(/SCardSetAttrib attribute byte 0/);
    expect(await SCardDisconnect(hcard, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
  });
});

it('print(error) shows the class as Python does', () => {
  expect(pyStr(error)).toBe("<class 'scard.error'>");
  expect(pyStr(new error('unable to connect'))).toBe('unable to connect');
});
