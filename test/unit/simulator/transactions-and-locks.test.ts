import {
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_S_SUCCESS,
  SCARD_W_RESET_CARD,
} from '../../../src/driver/return-codes';
import { SCARD_EJECT_CARD, SCARD_LEAVE_CARD, SCARD_RESET_CARD, SCARD_SHARE_EXCLUSIVE, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { COMMAND, SELECT, T0_OR_T1, bench, connectShared, isPending, statusWord, valueOf } from './simulator-fixtures';

async function twoHandles() {
  const setup = await bench({ idlePowerOffMs: false });
  const first = await connectShared(setup.app1, setup.slot.name);
  const second = await connectShared(setup.app2, setup.slot.name);
  return { ...setup, first: first.handle, second: second.handle, protocol: first.protocol };
}

describe('simulated transactions', () => {
  it('makes beginTransaction wait while another handle holds the transaction', async () => {
    const { app1, app2, first, second } = await twoHandles();
    expect(await app1.driver.beginTransaction(first)).toBe(SCARD_S_SUCCESS);
    const waiting = app2.driver.beginTransaction(second);
    expect(await isPending(waiting)).toBe(true);
    expect(await app1.driver.endTransaction(first, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    expect(await waiting).toBe(SCARD_S_SUCCESS);
  });

  it('lets the holder nest transactions and counts them', async () => {
    const { app1, app2, first, second } = await twoHandles();
    await app1.driver.beginTransaction(first);
    await app1.driver.beginTransaction(first);
    await app1.driver.endTransaction(first, SCARD_LEAVE_CARD);
    const waiting = app2.driver.beginTransaction(second);
    expect(await isPending(waiting)).toBe(true);
    await app1.driver.endTransaction(first, SCARD_LEAVE_CARD);
    expect(await waiting).toBe(SCARD_S_SUCCESS);
  });

  it('answers SCARD_E_NOT_TRANSACTED to an end without a begin', async () => {
    const { app1, first } = await twoHandles();
    expect(await app1.driver.endTransaction(first, SCARD_LEAVE_CARD)).toBe(SCARD_E_NOT_TRANSACTED);
  });

  it('holds other handles transmits and status until the transaction ends', async () => {
    const { app1, app2, first, second, protocol } = await twoHandles();
    await app1.driver.beginTransaction(first);
    const transmit = app2.driver.transmit(second, protocol, SELECT);
    const status = app2.driver.status(second);
    expect(await isPending(transmit)).toBe(true);
    expect(await isPending(status)).toBe(true);
    expect(statusWord(await app1.driver.transmit(first, protocol, SELECT))).toBe('90 00');
    await app1.driver.endTransaction(first, SCARD_LEAVE_CARD);
    expect(statusWord(await transmit)).toBe('90 00');
    expect((await status).rc).toBe(SCARD_S_SUCCESS);
  });

  it('answers control and end-of-transaction calls from other handles at once with a sharing violation', async () => {
    const { app1, app2, first, second } = await twoHandles();
    await app1.driver.beginTransaction(first);
    expect((await app2.driver.control(second, 1, new Uint8Array(0))).rc).toBe(SCARD_E_SHARING_VIOLATION);
    expect(await app2.driver.endTransaction(second, SCARD_LEAVE_CARD)).toBe(SCARD_E_SHARING_VIOLATION);
    expect(await app2.driver.endTransaction(second, SCARD_RESET_CARD)).toBe(SCARD_E_SHARING_VIOLATION);
  });

  it('makes a resetting disconnect wait for the transaction, but not a leaving one', async () => {
    const { app1, app2, first, second, protocol, slot } = await twoHandles();
    const third = await connectShared(app2, slot.name);
    await app1.driver.beginTransaction(first);
    expect(await app2.driver.disconnect(third.handle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    const resetting = app2.driver.disconnect(second, SCARD_RESET_CARD);
    expect(await isPending(resetting)).toBe(true);
    await app1.driver.endTransaction(first, SCARD_LEAVE_CARD);
    expect(await resetting).toBe(SCARD_S_SUCCESS);
    expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it('resets the card when an application releases its context in the middle of a transaction', async () => {
    const { app1, app2, first, second, protocol, card } = await twoHandles();
    await app1.driver.beginTransaction(first);
    expect(await app1.driver.releaseContext(app1.context)).toBe(SCARD_S_SUCCESS);
    expect(card.resetCount).toBe(2);
    expect((await app2.driver.transmit(second, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it('resets the card when an application exits holding the reader exclusively', async () => {
    const { app1, app2, slot, card } = await bench({ idlePowerOffMs: false });
    valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1));
    await app1.driver.dispose();
    expect(card.resetCount).toBe(2);
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1)).rc).toBe(SCARD_S_SUCCESS);
  });

  describe('exclusive handles', () => {
    it('count their connection as one lock, so a transaction inside them nests', async () => {
      const { app1, slot } = await bench();
      const { handle } = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1));
      expect(await app1.driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(SCARD_E_NOT_TRANSACTED);
      expect(await app1.driver.beginTransaction(handle)).toBe(SCARD_S_SUCCESS);
      expect(await app1.driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    });

    it('keep the reader lock after reconnecting shared, until one transaction end releases it', async () => {
      const { app1, app2, slot } = await bench();
      const { handle } = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1));
      expect((await app1.driver.reconnect(handle, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD)).rc).toBe(SCARD_S_SUCCESS);
      const joining = app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1);
      expect(await isPending(joining)).toBe(true);
      expect(await app1.driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
      expect((await joining).rc).toBe(SCARD_S_SUCCESS);
    });

    it('can be taken by reconnecting the only handle exclusively; with other handles the reconnect waits', async () => {
      const { app1, app2, first, second, slot } = await twoHandles();
      const upgrade = app1.driver.reconnect(first, SCARD_SHARE_EXCLUSIVE, T0_OR_T1, SCARD_LEAVE_CARD);
      expect(await isPending(upgrade)).toBe(true);
      await app2.driver.disconnect(second, SCARD_LEAVE_CARD);
      expect((await upgrade).rc).toBe(SCARD_S_SUCCESS);
      expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
    });
  });

  it('SCardEndTransaction ejecting answers SCARD_E_UNSUPPORTED_FEATURE and ends the transaction', async () => {
    const { app1, app2, slot } = await bench();
    const first = await connectShared(app1, slot.name);
    expect(await app1.driver.beginTransaction(first.handle)).toBe(SCARD_S_SUCCESS);
    expect(await app1.driver.endTransaction(first.handle, SCARD_EJECT_CARD)).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    const second = await connectShared(app2, slot.name);
    expect(await app2.driver.beginTransaction(second.handle)).toBe(SCARD_S_SUCCESS);
  });
});
