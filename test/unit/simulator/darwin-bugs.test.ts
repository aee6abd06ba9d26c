import {
  SCARD_E_NO_SERVICE,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_UNKNOWN_READER,
  SCARD_S_SUCCESS,
  SCARD_W_RESET_CARD,
} from '../../../src/driver/return-codes';
import {
  PNP_NOTIFICATION_READER,
  SCARD_LEAVE_CARD,
  SCARD_NEGOTIABLE,
  SCARD_POWERED,
  SCARD_PRESENT,
  SCARD_RESET_CARD,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_STATE_CHANGED,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAWARE,
} from '../../../src/driver/scard-constants';
import { SimulatedPcsc, type PersonalityName } from '../../../src/testing';
import { COMMAND, SELECT, T0_OR_T1, appletCard, bench, connectShared, isPending, openApplication, statusWord, valueOf } from './simulator-fixtures';

const PINPAD = 'Gemalto USB GemPCPinpad SmartCard Reader';

describe('El Capitan bug 1: SCardConnect answers SCARD_E_PROTO_MISMATCH instead of a sharing violation', () => {
  async function exclusivelyHeld(personality: PersonalityName) {
    const setup = await bench({ personality });
    valueOf(await setup.app1.driver.connect(setup.app1.context, setup.slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1));
    return setup;
  }

  it('happens on darwin-15 for a shared connect while another application holds the reader exclusively', async () => {
    const { app2, slot } = await exclusivelyHeld('darwin-15');
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_PROTO_MISMATCH);
  });

  it('leaves the other cases of the bug report correct on darwin-15', async () => {
    const { app1, app2, slot } = await exclusivelyHeld('darwin-15');
    // a second exclusive program gets the right code
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_DIRECT, 0)).rc).toBe(SCARD_E_SHARING_VIOLATION);
    expect((await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
  });

  it('leaves an exclusive connect during a transaction correct on darwin-15', async () => {
    const { app1, app2, slot } = await bench({ personality: 'darwin-15' });
    const { handle } = await connectShared(app1, slot.name);
    await app1.driver.beginTransaction(handle);
    const exclusive = app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1);
    expect(await isPending(exclusive)).toBe(true);
    await app1.driver.endTransaction(handle, SCARD_LEAVE_CARD);
    expect((await exclusive).rc).toBe(SCARD_E_SHARING_VIOLATION);
  });

  it.each(['linux', 'darwin-16', 'darwin-17'] as const)('is fixed on %s', async (personality) => {
    const { app2, slot } = await exclusivelyHeld(personality);
    expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
  });
});

describe('El Capitan bug 2: SCARD_W_RESET_CARD comes one SCardTransmit late', () => {
  async function resetByAnotherApplication(personality: PersonalityName) {
    const setup = await bench({ personality, idlePowerOffMs: false });
    const looping = await connectShared(setup.app1, setup.slot.name);
    expect(statusWord(await setup.app1.driver.transmit(looping.handle, looping.protocol, SELECT))).toBe('90 00');
    expect(statusWord(await setup.app1.driver.transmit(looping.handle, looping.protocol, COMMAND))).toBe('90 00');
    const resetter = await connectShared(setup.app2, setup.slot.name);
    expect(await setup.app2.driver.disconnect(resetter.handle, SCARD_RESET_CARD)).toBe(SCARD_S_SUCCESS);
    return { ...setup, handle: looping.handle, protocol: looping.protocol };
  }

  it.each(['darwin-15', 'darwin-16'] as const)('on %s the next transmit reaches the reset card (69 85) and only the one after fails', async (personality) => {
    const { app1, handle, protocol, card } = await resetByAnotherApplication(personality);
    const leaked = await app1.driver.transmit(handle, protocol, COMMAND);
    expect(leaked.rc).toBe(SCARD_S_SUCCESS);
    expect(statusWord(leaked)).toBe('69 85');
    expect(card.log.at(-1)?.resetCount).toBe(2);
    expect((await app1.driver.transmit(handle, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
    expect((await app1.driver.transmit(handle, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it('still reports the reset through SCardStatus on darwin-15', async () => {
    const { app1, handle } = await resetByAnotherApplication('darwin-15');
    expect((await app1.driver.status(handle)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it('leaks once per reset: after a reconnect and another reset, one transmit leaks again', async () => {
    const { app1, app2, handle, protocol, slot } = await resetByAnotherApplication('darwin-15');
    await app1.driver.transmit(handle, protocol, COMMAND);
    await app1.driver.reconnect(handle, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD);
    await app1.driver.transmit(handle, protocol, SELECT);
    const resetter = await connectShared(app2, slot.name);
    await app2.driver.disconnect(resetter.handle, SCARD_RESET_CARD);
    expect(statusWord(await app1.driver.transmit(handle, protocol, COMMAND))).toBe('69 85');
    expect((await app1.driver.transmit(handle, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
  });

  it.each(['linux', 'darwin-17'] as const)('is fixed on %s: the first transmit after the reset fails', async (personality) => {
    const { app1, handle, protocol, card } = await resetByAnotherApplication(personality);
    const logged = card.commandCount;
    expect((await app1.driver.transmit(handle, protocol, COMMAND)).rc).toBe(SCARD_W_RESET_CARD);
    expect(card.commandCount).toBe(logged);
  });
});

describe('El Capitan bug 3: no PC/SC in a forked child', () => {
  it.each(['darwin-15', 'darwin-16', 'darwin-17'] as const)('on %s SCardEstablishContext in a forked child answers SCARD_E_NO_SERVICE', async (personality) => {
    const sim = new SimulatedPcsc({ personality });
    expect((await sim.driver({ forkedChild: true }).establishContext()).rc).toBe(SCARD_E_NO_SERVICE);
    expect((await sim.driver().establishContext()).rc).toBe(SCARD_S_SUCCESS);
  });

  it('works in a forked child on linux', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    slot.insert(appletCard());
    const child = sim.driver({ forkedChild: true });
    const context = valueOf(await child.establishContext());
    const { handle, protocol } = valueOf(await child.connect(context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1));
    expect(statusWord(await child.transmit(handle, protocol, SELECT))).toBe('90 00');
  });
});

describe('El Capitan bug 4: a Gemalto CT700 / GemPC Pinpad breaks every reader attached after it', () => {
  it('on darwin-15 the pinpad and later readers never appear; earlier ones keep working', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-15' });
    const twin = sim.addReader('Gemalto PC Twin Reader');
    const pinpad = sim.addReader(PINPAD);
    const later = sim.addReader('SCM SCR 3310');
    later.insert(appletCard());
    const app = await openApplication(sim);
    expect(valueOf(await app.driver.listReaders(app.context))).toEqual(['Gemalto PC Twin Reader']);
    expect(twin.available).toBe(true);
    expect(pinpad.available).toBe(false);
    expect(later.available).toBe(false);
    expect((await app.driver.connect(app.context, 'SCM SCR 3310', SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_UNKNOWN_READER);
  });

  it('recognises the reader by USB identity or by its CT700 name', () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-15' });
    sim.addReader('Some Reader', { usb: { vendorId: 0x08e6, productId: 0x3478 } });
    expect(sim.addReader('Another Reader').available).toBe(false);

    const other = new SimulatedPcsc({ personality: 'darwin-15' });
    other.addReader('Gemalto CT700');
    expect(other.addReader('Another Reader').available).toBe(false);
  });

  it('stays broken after unplugging the pinpad, until the service restarts without it', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-15' });
    sim.addReader(PINPAD);
    sim.removeReader(PINPAD);
    const later = sim.addReader('SCM SCR 3310');
    expect(later.available).toBe(false);
    sim.stopService();
    sim.startService();
    expect(later.available).toBe(true);
  });

  it.each(['linux', 'darwin-16', 'darwin-17'] as const)('is fixed on %s', async (personality) => {
    const sim = new SimulatedPcsc({ personality });
    const pinpad = sim.addReader(PINPAD);
    const later = sim.addReader('SCM SCR 3310');
    const app = await openApplication(sim);
    expect(valueOf(await app.driver.listReaders(app.context))).toEqual([pinpad.name, later.name]);
  });
});

describe('what Apple PC/SC never had', () => {
  it('knows no PnP pseudo reader on darwin', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-15' });
    sim.addReader('Reader');
    const app = await openApplication(sim);
    const pnp = [{ reader: PNP_NOTIFICATION_READER, currentState: 0 }];
    expect((await app.driver.getStatusChange(app.context, pnp, 0)).rc).toBe(SCARD_E_UNKNOWN_READER);
  });

  it('keeps no event counter in the states on darwin', async () => {
    const { app1, slot } = await bench({ personality: 'darwin-17' });
    const [state] = valueOf(await app1.driver.getStatusChange(app1.context, [{ reader: slot.name, currentState: SCARD_STATE_UNAWARE }], 0));
    expect(state?.eventState).toBe(SCARD_STATE_PRESENT | SCARD_STATE_CHANGED);
    const { handle } = await connectShared(app1, slot.name);
    expect(valueOf(await app1.driver.status(handle)).state).toBe(SCARD_PRESENT | SCARD_POWERED | SCARD_NEGOTIABLE);
  });
});
