import {
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_READER_UNAVAILABLE,
  SCARD_S_SUCCESS,
  SCARD_W_REMOVED_CARD,
  SCARD_W_RESET_CARD,
  SCARD_W_UNPOWERED_CARD,
} from '../../../src/driver/return-codes';
import {
  SCARD_EJECT_CARD,
  SCARD_LEAVE_CARD,
  SCARD_NEGOTIABLE,
  SCARD_POWERED,
  SCARD_PRESENT,
  SCARD_PROTOCOL_T1,
  SCARD_RESET_CARD,
  SCARD_SHARE_SHARED,
  SCARD_UNPOWER_CARD,
} from '../../../src/driver/scard-constants';
import { COMMAND, SELECT, T0_OR_T1, appletCard, bench, connectShared, hex, statusWord, valueOf } from './simulator-fixtures';
import { succeed } from '../../../src/driver/pcsc-driver';

async function selectedPair() {
  const setup = await bench({ idlePowerOffMs: false });
  const { app1, app2, slot } = setup;
  const first = await connectShared(app1, slot.name);
  const second = await connectShared(app2, slot.name);
  await app1.driver.transmit(first.handle, first.protocol, SELECT);
  return { ...setup, first: first.handle, second: second.handle, protocol: first.protocol };
}

describe('simulated card events and dispositions', () => {
  it('reports the card state pcsc-lite does: present, powered, negotiable, with the event counter above', async () => {
    const { app1, slot, card } = await bench();
    const { handle } = await connectShared(app1, slot.name);
    const status = valueOf(await app1.driver.status(handle));
    expect(status.reader).toBe('Gemalto PC Twin Reader 00 00');
    expect(status.state).toBe((1 << 16) | SCARD_PRESENT | SCARD_POWERED | SCARD_NEGOTIABLE);
    expect(status.protocol).toBe(SCARD_PROTOCOL_T1);
    expect(hex(status.atr)).toBe(hex(card.atr));
  });

  it('reports SCARD_W_RESET_CARD to the other handles after a reset, until they reconnect', async () => {
    const { app1, app2, first, second, protocol, card } = await selectedPair();
    expect(await app2.driver.disconnect(second, SCARD_RESET_CARD)).toBe(SCARD_S_SUCCESS);
    expect(card.resetCount).toBe(2);

    const logged = card.commandCount;
    expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
    expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
    expect((await app1.driver.status(first)).rc).toBe(SCARD_W_RESET_CARD);
    expect(await app1.driver.beginTransaction(first)).toBe(SCARD_W_RESET_CARD);
    expect(card.commandCount).toBe(logged);

    expect((await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD)).rc).toBe(SCARD_S_SUCCESS);
    expect(statusWord(await app1.driver.transmit(first, protocol, COMMAND))).toBe('69 85');
  });

  it('does not report a reset through SCardControl', async () => {
    const { app1, app2, first, second } = await selectedPair();
    await app2.driver.disconnect(second, SCARD_RESET_CARD);
    expect((await app1.driver.control(first, 0x42000d48, new Uint8Array(0))).rc).not.toBe(SCARD_W_RESET_CARD);
  });

  it('marks the resetting handle too when a transaction ends with SCARD_RESET_CARD', async () => {
    const { app1, app2, first, second, protocol } = await selectedPair();
    await app1.driver.beginTransaction(first);
    expect(await app1.driver.endTransaction(first, SCARD_RESET_CARD)).toBe(SCARD_S_SUCCESS);
    expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
    expect((await app2.driver.transmit(second, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it('clears the own event when the handle itself reconnects with a reset', async () => {
    const { app1, app2, first, second, protocol, card } = await selectedPair();
    const reconnected = await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_RESET_CARD);
    expect(reconnected).toEqual(succeed(SCARD_PROTOCOL_T1));
    expect(card.resetCount).toBe(2);
    expect(statusWord(await app1.driver.transmit(first, protocol, COMMAND))).toBe('69 85');
    expect((await app2.driver.transmit(second, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it('leaves the card alone on SCARD_LEAVE_CARD and SCARD_EJECT_CARD', async () => {
    const { app1, app2, first, second, protocol, card } = await selectedPair();
    expect(await app2.driver.disconnect(second, SCARD_EJECT_CARD)).toBe(SCARD_S_SUCCESS);
    expect(statusWord(await app1.driver.transmit(first, protocol, COMMAND))).toBe('90 00');
    expect(await app1.driver.disconnect(first, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    expect(card.resetCount).toBe(1);
  });

  it('powers the card down on SCARD_UNPOWER_CARD; a reconnect leaving it keeps it unpowered, in use', async () => {
    const { app1, app2, first, second, protocol, card, slot } = await selectedPair();
    expect(await app2.driver.disconnect(second, SCARD_UNPOWER_CARD)).toBe(SCARD_S_SUCCESS);
    expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
    expect(card.resetCount).toBe(1);
    // as pcscd: SCARD_LEAVE_CARD does not power the card up, yet marks it in use, so that a new
    // connection does not power it up either
    const reconnected = await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD);
    expect(reconnected.rc).toBe(SCARD_S_SUCCESS);
    expect(card.resetCount).toBe(1);
    expect((await app1.driver.transmit(first, reconnected.ok ? reconnected.value : protocol, COMMAND)).rc).toBe(SCARD_E_NOT_TRANSACTED);
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_W_UNPOWERED_CARD);
    // a reset powers it up again
    expect((await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_RESET_CARD)).rc).toBe(SCARD_S_SUCCESS);
    expect(card.resetCount).toBe(2);
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_S_SUCCESS);
  });

  it('rejects unknown dispositions', async () => {
    const { app1, first } = await selectedPair();
    expect(await app1.driver.disconnect(first, 9)).toBe(SCARD_E_INVALID_VALUE);
    expect(await app1.driver.endTransaction(first, 9)).toBe(SCARD_E_INVALID_VALUE);
    expect((await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_EJECT_CARD)).rc).toBe(SCARD_E_INVALID_VALUE);
  });

  describe('card removal', () => {
    it('reports SCARD_W_REMOVED_CARD to every handle on the card until it reconnects', async () => {
      const { app1, app2, first, second, protocol, slot } = await selectedPair();
      slot.remove();
      expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_REMOVED_CARD);
      expect((await app2.driver.status(second)).rc).toBe(SCARD_W_REMOVED_CARD);
      expect((await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD)).rc).toBe(SCARD_E_NO_SMARTCARD);
      expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_REMOVED_CARD);

      slot.insert(appletCard());
      expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_W_REMOVED_CARD);
      expect((await app1.driver.reconnect(first, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD)).rc).toBe(SCARD_S_SUCCESS);
      expect(statusWord(await app1.driver.transmit(first, protocol, COMMAND))).toBe('69 85');
    });

    it('counts insertions and removals in the status word', async () => {
      const { app1, slot } = await bench();
      const { handle } = await connectShared(app1, slot.name);
      slot.remove();
      slot.insert(appletCard());
      await app1.driver.reconnect(handle, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD);
      expect(valueOf(await app1.driver.status(handle)).state >>> 16).toBe(3);
    });
  });

  describe('reader removal', () => {
    it('orphans the handles: status cannot find the reader, other calls are refused, disconnect succeeds', async () => {
      const { app1, first, protocol, sim, slot } = await selectedPair();
      sim.removeReader(slot.name);
      expect((await app1.driver.status(first)).rc).toBe(SCARD_E_READER_UNAVAILABLE);
      expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_E_INVALID_VALUE);
      expect(await app1.driver.beginTransaction(first)).toBe(SCARD_E_INVALID_VALUE);
      expect(await app1.driver.disconnect(first, SCARD_RESET_CARD)).toBe(SCARD_S_SUCCESS);
    });

    it('does not bring old handles back when the reader is plugged in again', async () => {
      const { app1, first, protocol, sim, slot } = await selectedPair();
      const card = slot.card;
      sim.removeReader(slot.name);
      const again = sim.addReader('Gemalto PC Twin Reader');
      if (card !== undefined) again.insert(card);
      expect(again.name).toBe(slot.name);
      expect((await app1.driver.status(first)).rc).toBe(SCARD_E_INVALID_VALUE);
      expect((await app1.driver.transmit(first, protocol, COMMAND)).rc).toBe(SCARD_E_INVALID_VALUE);
    });
  });
});
