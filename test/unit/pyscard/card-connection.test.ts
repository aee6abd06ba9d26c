import {
  CardConnection,
  CardConnectionException,
  CardConnectionObserver,
  ConsoleCardConnectionObserver,
  NoCardException,
  SCARD_LEAVE_CARD,
  SCARD_RESET_CARD,
  SCARD_SHARE_EXCLUSIVE,
  readers,
  scard,
  type CardConnectionEvent,
} from '../../../src/pyscard';
import { VirtualCard } from '../../../src/testing/virtual-card';
import { formatHex } from '../../../src/apdu/hex';
import { T0_ATR } from '../../parity/seed-card';
import { COMMAND, COUNTING, SELECT, closeSimulatedFacade, simulatedFacade } from './simulated-facade';

afterEach(closeSimulatedFacade);

const ATR = [0x3b, 0x65, 0x00, 0x00, 0x9c, 0x11, 0x01, 0x01, 0x03];

/** What `run` wrote to stdout, one entry per write. */
async function printedBy(run: () => Promise<void>): Promise<unknown[]> {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await run();
    return write.mock.calls.map((call) => call[0]);
  } finally {
    write.mockRestore();
  }
}

async function firstConnection(): Promise<CardConnection> {
  const reader = (await readers())[0];
  if (!reader) throw new Error('no reader');
  return reader.createConnection();
}

describe('CardConnection on the simulator', () => {
  it('connects shared with T=0 or T=1, transmits and answers [data, sw1, sw2]', async () => {
    const { readerName } = await simulatedFacade();
    const connection = await firstConnection();
    expect(connection.getReader()).toBe(readerName);
    expect(connection.getProtocol()).toBe(CardConnection.T0_protocol | CardConnection.T1_protocol);
    await connection.connect();
    expect(connection.getProtocol()).toBe(CardConnection.T0_protocol);
    expect(await connection.getATR()).toEqual(ATR);
    expect(await connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
    expect(await connection.transmit(COMMAND)).toEqual([COUNTING, 0x90, 0x00]);
    await connection.disconnect();
  });

  it('accepts Python-style keyword arguments as an object: connect(mode=SCARD_SHARE_EXCLUSIVE)', async () => {
    const { readerName, otherApplication } = await simulatedFacade();
    const connection = await firstConnection();
    await connection.connect({ mode: SCARD_SHARE_EXCLUSIVE });
    const other = await otherApplication();
    await expect(other.connect(readerName)).rejects.toMatchObject({ codeName: 'SCARD_E_SHARING_VIOLATION' });
    await connection.disconnect();
  });

  it('disconnect() unpowers the card by default, as PySCard 2.0.5 does', async () => {
    const { card } = await simulatedFacade();
    const connection = await firstConnection();
    await connection.connect();
    const resets = card.resetCount;
    await connection.disconnect();
    const again = await firstConnection();
    await again.connect();
    expect(card.resetCount).toBe(resets + 1);
    await again.disconnect();
  });

  it('connect(disposition=SCARD_LEAVE_CARD) leaves the card powered', async () => {
    const { card } = await simulatedFacade();
    const connection = await firstConnection();
    await connection.connect({ disposition: SCARD_LEAVE_CARD });
    const resets = card.resetCount;
    await connection.disconnect();
    const again = await firstConnection();
    await again.connect();
    expect(card.resetCount).toBe(resets);
    await again.disconnect();
  });

  it('reconnect() resets the card by default', async () => {
    const { card } = await simulatedFacade();
    const connection = await firstConnection();
    await connection.connect();
    await connection.transmit(SELECT);
    const resets = card.resetCount;
    await connection.reconnect();
    expect(card.resetCount).toBe(resets + 1);
    expect(await connection.transmit(COMMAND)).toEqual([[], 0x69, 0x85]);
    await connection.disconnect();
  });

  it('refuses calls before connect() with PySCard messages', async () => {
    await simulatedFacade();
    const connection = await firstConnection();
    await expect(connection.getATR()).rejects.toThrow(new CardConnectionException('Card not connected'));
    await expect(connection.reconnect()).rejects.toThrow(new CardConnectionException('Card not connected'));
    // Before a connect the protocol is T0|T1, which transmit() cannot use: PySCard checks that first.
    await expect(connection.transmit(COMMAND)).rejects.toThrow(
      'Invalid protocol in transmit: must be CardConnection.T0_protocol, CardConnection.T1_protocol, or CardConnection.RAW_protocol',
    );
    await expect(connection.transmit(COMMAND, CardConnection.T0_protocol)).rejects.toThrow(new CardConnectionException('Card not connected'));
    await expect(connection.disconnect()).resolves.toBeUndefined();
  });

  it('raises NoCardException when the reader is empty', async () => {
    await simulatedFacade('linux', false);
    const connection = await firstConnection();
    const error = await connection.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoCardException);
    expect((error as Error).message).toBe('Unable to connect: No smart card inserted. (0x8010000C)');
  });

  it.each(['linux', 'darwin-15'] as const)(
    'on %s, a second connect while another application holds the card exclusively is a sharing violation',
    async (personality) => {
      const { readerName, otherApplication } = await simulatedFacade(personality);
      const holder = await (await otherApplication()).connect(readerName, { share: 'exclusive' });
      const connection = await firstConnection();
      await expect(connection.connect()).rejects.toThrow(new CardConnectionException('Unable to connect with protocol: T0 or T1. Sharing violation.'));
      await holder.disconnect();
    },
  );

  it.each(['linux', 'darwin-15'] as const)('on %s, the transmit after another application reset the card fails with "Card was reset."', async (personality) => {
    const { readerName, card, otherApplication } = await simulatedFacade(personality);
    const connection = await firstConnection();
    await connection.connect();
    await connection.transmit(SELECT);
    expect(await connection.transmit(COMMAND)).toEqual([COUNTING, 0x90, 0x00]);
    const resetter = await (await otherApplication()).connect(readerName);
    await resetter.disconnect('reset');
    const commands = card.commandCount;
    await expect(connection.transmit(COMMAND)).rejects.toThrow(new CardConnectionException('Failed to transmit with protocol T0. Card was reset.'));
    expect(card.commandCount).toBe(commands);
  });

  it('notifies observers of connect, command, response and disconnect', async () => {
    await simulatedFacade();
    const events: Array<[string, unknown]> = [];
    class Recorder extends CardConnectionObserver {
      override update(_connection: unknown, event: CardConnectionEvent): void {
        events.push([event.type, event.args]);
      }
    }
    const connection = await firstConnection();
    connection.addObserver(new Recorder());
    await connection.connect();
    await connection.transmit(SELECT);
    await connection.disconnect();
    expect(events).toEqual([
      ['connect', undefined],
      ['command', [SELECT, null]],
      ['response', [[], 0x90, 0x00]],
      ['disconnect', undefined],
    ]);
  });

  it('ConsoleCardConnectionObserver prints like PySCard', async () => {
    const { readerName } = await simulatedFacade();
    const printed = await printedBy(async () => {
      const connection = await firstConnection();
      connection.addObserver(new ConsoleCardConnectionObserver());
      await connection.connect();
      await connection.transmit(SELECT);
      await connection.transmit(COMMAND);
      await connection.disconnect();
    });
    expect(printed).toEqual([
      `connecting to ${readerName}\n`,
      `> ${formatHex(SELECT)}\n`,
      '<  [] 90 00\n',
      `> ${formatHex(COMMAND)}\n`,
      '< 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00\n',
      `disconnecting from ${readerName}\n`,
    ]);
  });

  it('reports the ATR it connected to', async () => {
    await simulatedFacade();
    const connection = await firstConnection();
    await connection.connect();
    expect(await connection.getATR()).toEqual(T0_ATR.split(' ').map((byte) => parseInt(byte, 16)));
    await connection.disconnect();
  });

  it('reconnect with another disposition keeps working after the reset', async () => {
    await simulatedFacade();
    const connection = await firstConnection();
    await connection.connect();
    await connection.reconnect({ disposition: SCARD_RESET_CARD });
    expect(await connection.transmit(SELECT)).toEqual([[], 0x90, 0x00]);
    await connection.disconnect();
  });

  it("release() prints PySCard's 'release from' line before disconnecting, once", async () => {
    const { readerName } = await simulatedFacade();
    const printed = await printedBy(async () => {
      const connection = await firstConnection();
      connection.addObserver(new ConsoleCardConnectionObserver());
      await connection.connect();
      await connection.release();
      await connection.release();
    });
    expect(printed).toEqual([`connecting to ${readerName}\n`, `release from ${readerName}\n`, `disconnecting from ${readerName}\n`]);
  });

  it("an answer without a status word is PySCard's 'Card returned no valid response'", async () => {
    const { slot } = await simulatedFacade('linux', false);
    slot.insert(new VirtualCard({ atr: T0_ATR, respond: () => [] }));
    const connection = await firstConnection();
    await connection.connect();
    await expect(connection.transmit(SELECT)).rejects.toThrow(new CardConnectionException('Card returned no valid response'));
    await connection.disconnect();
  });
});

describe('smartcard.scard.error', () => {
  it('exists as an Error class scripts raise and catch', () => {
    const raised = new scard.error('Failed to list readers: Service not available.');
    expect(raised).toBeInstanceOf(Error);
    expect(raised).toBeInstanceOf(scard.error);
    expect(raised.name).toBe('error');
    expect(String(raised)).toBe('error: Failed to list readers: Service not available.');
  });
});
