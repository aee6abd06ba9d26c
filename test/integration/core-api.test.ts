import { startPcscd, stopPcscd } from '../harness/pcscd';
import { Pcsc } from '../../src/compose/pcsc';
import { ApduError } from '../../src/errors/apdu-error';
import { CardRemovedError, CardResetError, ClosedError, InvalidParameterError, SharingViolationError, UnknownReaderError } from '../../src/errors/pcsc-error';
import { seedTestApplet } from '../../src/testing/sample-cards';
import type { VirtualCard } from '../../src/testing/virtual-card';
import type { VpcdAttachment } from '../../src/testing/vpcd-link';
import { attachToVpcd } from '../../src/testing/vpcd-link';
import { REAL_DRIVERS } from '../harness/drivers';
import { COMMAND, COMMAND_BYTES, SELECT, SELECT_BYTES, waitForReaderState } from '../fixtures/seed';

const READER = 'Virtual PCD 00 00';
const COUNTING = Array.from({ length: 14 }, (_, i) => i);

describe.each(REAL_DRIVERS)('core API on the real pcscd through %s', (driver) => {
  let card: VirtualCard;
  let slot: VpcdAttachment;
  const open: Pcsc[] = [];
  const application = async (): Promise<Pcsc> => {
    const pcsc = await Pcsc.open({ driver, quirks: 'auto' });
    open.push(pcsc);
    return pcsc;
  };

  beforeAll(async () => {
    await startPcscd();
  });

  beforeEach(async () => {
    card = seedTestApplet();
    slot = await attachToVpcd(card);
    const pcsc = await application();
    await waitForReaderState(pcsc, READER, (state) => state !== 'empty' && state !== 'unknown');
  });

  afterEach(async () => {
    await slot.remove();
    // pcscd must see this card leave before the next test inserts another one.
    await waitForReaderState(open[0] ?? (await application()), READER, (state) => state === 'empty');
    for (const pcsc of open.splice(0)) await pcsc.close();
  });

  afterAll(async () => {
    await stopPcscd();
  });

  it('lists the vpcd readers with the card and its ATR', async () => {
    const pcsc = await application();
    const readers = await pcsc.listReaders();
    const names = readers.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([READER, 'Virtual PCD 00 01']));
    const ours = readers.find((r) => r.name === READER);
    expect(ours?.state).toBe('present');
    expect([...(ours?.atr ?? [])]).toEqual([...card.atr]);
    expect(readers.find((r) => r.name === 'Virtual PCD 00 01')?.state).toBe('empty');
  });

  it.each(['shared', 'exclusive'] as const)('connects %s and transmits the seed applet commands', async (share) => {
    const pcsc = await application();
    const connection = await pcsc.connect(READER, { share });
    expect(['T0', 'T1']).toContain(connection.protocol);
    const selected = await connection.transmit(SELECT);
    expect(selected.sw).toBe(0x9000);
    const answer = await connection.transmit(COMMAND);
    expect([...answer.data]).toEqual(COUNTING);
    expect(answer.ok).toBe(true);
    expect(card.log.map((entry) => entry.command.length)).toEqual([11, 5]);
    await connection.disconnect();
  });

  it('accepts every command form and rejects bad input before the card sees it', async () => {
    const pcsc = await application();
    const connection = await pcsc.connect(READER);
    await connection.transmit(Array.from(SELECT_BYTES));
    await connection.transmit(COMMAND_BYTES);
    const received = card.commandCount;
    await expect(connection.transmit('80 34 00 0')).rejects.toBeInstanceOf(ApduError);
    await expect(connection.transmit([0x80, 0x34, 0x00, 0x1ff])).rejects.toBeInstanceOf(ApduError);
    await expect(connection.transmit('80 34 00')).rejects.toBeInstanceOf(ApduError);
    await expect(pcsc.connect(READER, { share: 'greedy' as 'shared' })).rejects.toBeInstanceOf(InvalidParameterError);
    expect(card.commandCount).toBe(received);
  });

  it('seed scenario: a second exclusive connect gets SharingViolationError', async () => {
    const holder = await application();
    const other = await application();
    const held = await holder.connect(READER, { share: 'exclusive' });
    const error = await other.connect(READER, { share: 'exclusive' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharingViolationError);
    expect(error).toMatchObject({ code: 0x8010000b, codeName: 'SCARD_E_SHARING_VIOLATION' });
    await expect(other.connect(READER, { share: 'shared' })).rejects.toBeInstanceOf(SharingViolationError);
    await held.disconnect();
    const after = await other.connect(READER, { share: 'exclusive' });
    await after.disconnect();
  });

  it('seed scenario: a reset by another application rejects the next transmit with CardResetError', async () => {
    const looping = await application();
    const resetter = await application();
    const connection = await looping.connect(READER);
    await connection.transmit(SELECT);
    for (let i = 0; i < 3; i += 1) expect([...(await connection.transmit(COMMAND)).data]).toEqual(COUNTING);
    const other = await resetter.connect(READER);
    await other.disconnect('reset');
    const resetsBefore = card.resetCount;
    const receivedBefore = card.commandCount;
    const error = await connection.transmit(COMMAND).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardResetError);
    expect(error).toMatchObject({ codeName: 'SCARD_W_RESET_CARD' });
    // The card never answered the command as if nothing had happened.
    expect(card.commandCount).toBe(receivedBefore);
    expect(card.resetCount).toBe(resetsBefore);
    // pcsc-lite keeps reporting the reset until the application reconnects; then the applet is gone.
    await expect(connection.transmit(COMMAND)).rejects.toBeInstanceOf(CardResetError);
    expect(card.commandCount).toBe(receivedBefore);
    await connection.reconnect();
    expect((await connection.transmit(COMMAND)).sw).toBe(0x6985);
  });

  it("onReset: 'reconnect' re-runs restore and answers the command truly", async () => {
    const looping = await application();
    const resetter = await application();
    const restore = jest.fn(async (c: Awaited<ReturnType<Pcsc['connect']>>) => {
      expect((await c.transmit(SELECT)).sw).toBe(0x9000);
    });
    const connection = await looping.connect(READER, { onReset: 'reconnect', restore });
    await restore(connection);
    const other = await resetter.connect(READER);
    await other.disconnect('reset');
    const answer = await connection.transmit(COMMAND);
    expect([...answer.data]).toEqual(COUNTING);
    expect(restore).toHaveBeenCalledTimes(2);
  });

  it('a card removed mid-session gives CardRemovedError', async () => {
    const pcsc = await application();
    const connection = await pcsc.connect(READER);
    await connection.transmit(SELECT);
    await slot.remove();
    await waitForReaderState(pcsc, READER, (state) => state === 'empty');
    await expect(connection.transmit(COMMAND)).rejects.toBeInstanceOf(CardRemovedError);
  });

  it('names an unknown reader and refuses calls after close()', async () => {
    const pcsc = await application();
    await expect(pcsc.connect('No Such Reader 00 00')).rejects.toBeInstanceOf(UnknownReaderError);
    await pcsc.close();
    await expect(pcsc.listReaders()).rejects.toBeInstanceOf(ClosedError);
  });
});
