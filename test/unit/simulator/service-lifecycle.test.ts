import { SCARD_E_CANCELLED, SCARD_E_INVALID_HANDLE, SCARD_E_NO_SERVICE, SCARD_F_COMM_ERROR, SCARD_S_SUCCESS } from '../../../src/driver/return-codes';
import {
  PNP_NOTIFICATION_READER,
  SCARD_INFINITE,
  SCARD_LEAVE_CARD,
  SCARD_SHARE_SHARED,
  SCARD_STATE_CHANGED,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNKNOWN,
} from '../../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../../src/testing';
import { COMMAND, SELECT, T0_OR_T1, appletCard, bench, connectShared, isPending, openApplication, statusWord, valueOf } from './simulator-fixtures';

const PRESENT_ONCE = ((1 << 16) | SCARD_STATE_PRESENT) >>> 0;

describe('simulated service stop and restart', () => {
  it('refuses new contexts while stopped and accepts them again after a restart', async () => {
    const sim = new SimulatedPcsc();
    const driver = sim.driver();
    sim.stopService();
    expect(sim.running).toBe(false);
    expect((await driver.establishContext()).rc).toBe(SCARD_E_NO_SERVICE);
    sim.startService();
    expect((await driver.establishContext()).rc).toBe(SCARD_S_SUCCESS);
  });

  it('answers SCARD_E_NO_SERVICE on every call through a context or handle of the dead service', async () => {
    const { sim, app1, slot } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    sim.stopService();
    sim.startService();
    const { driver, context } = app1;

    expect((await driver.listReaders(context)).rc).toBe(SCARD_E_NO_SERVICE);
    expect((await driver.connect(context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_NO_SERVICE);
    expect((await driver.getStatusChange(context, [{ reader: slot.name, currentState: 0 }], 0)).rc).toBe(SCARD_E_NO_SERVICE);
    expect((await driver.transmit(handle, protocol, SELECT)).rc).toBe(SCARD_E_NO_SERVICE);
    expect((await driver.status(handle)).rc).toBe(SCARD_E_NO_SERVICE);
    expect(await driver.beginTransaction(handle)).toBe(SCARD_E_NO_SERVICE);
    expect((await driver.reconnect(handle, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD)).rc).toBe(SCARD_E_NO_SERVICE);
    expect(await driver.disconnect(handle, SCARD_LEAVE_CARD)).toBe(SCARD_E_NO_SERVICE);
    expect(await driver.disconnect(handle, SCARD_LEAVE_CARD)).toBe(SCARD_E_NO_SERVICE);
    expect(await driver.cancel(context)).toBe(SCARD_S_SUCCESS);
  });

  it('forgets a dead context on release, which itself answers SCARD_E_NO_SERVICE', async () => {
    const { sim, app1, slot } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    sim.stopService();
    expect(await app1.driver.releaseContext(app1.context)).toBe(SCARD_E_NO_SERVICE);
    expect((await app1.driver.listReaders(app1.context)).rc).toBe(SCARD_E_INVALID_HANDLE);
    expect((await app1.driver.transmit(handle, protocol, SELECT)).rc).toBe(SCARD_E_INVALID_HANDLE);
  });

  it('brings readers and cards back after a restart, with the cards powered (so reset) again', async () => {
    const { sim, slot, card } = await bench({ idlePowerOffMs: false });
    sim.stopService();
    expect(slot.available).toBe(false);
    sim.startService();
    expect(slot.available).toBe(true);
    expect(card.resetCount).toBe(2);
    const app = await openApplication(sim);
    expect(valueOf(await app.driver.listReaders(app.context))).toEqual([slot.name]);
    const { handle, protocol } = await connectShared(app, slot.name);
    expect(statusWord(await app.driver.transmit(handle, protocol, COMMAND))).toBe('69 85');
  });

  it('takes cards inserted while it was stopped into account when it starts', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    sim.stopService();
    slot.insert(appletCard());
    sim.startService();
    const app = await openApplication(sim);
    const { handle, protocol } = await connectShared(app, slot.name);
    expect(statusWord(await app.driver.transmit(handle, protocol, SELECT))).toBe('90 00');
  });

  it('ends a waiting getStatusChange with the readers gone when the service shuts down', async () => {
    const { sim, app1, slot } = await bench();
    const readerQuery = [{ reader: slot.name, currentState: PRESENT_ONCE }];
    const waiting = app1.driver.getStatusChange(app1.context, readerQuery, SCARD_INFINITE);
    const pnp = await openApplication(sim);
    const pnpQuery = [{ reader: PNP_NOTIFICATION_READER, currentState: 0 }];
    const pnpWaiting = pnp.driver.getStatusChange(pnp.context, pnpQuery, SCARD_INFINITE);
    sim.stopService();
    const gone = SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_CHANGED;
    expect(valueOf(await waiting)[0]?.eventState).toBe(gone);
    expect(valueOf(await pnpWaiting)[0]?.eventState).toBe(SCARD_STATE_CHANGED);
  });

  it('ends a waiting getStatusChange with SCARD_F_COMM_ERROR when the daemon crashes', async () => {
    const { sim, app1, slot } = await bench();
    const readerQuery = [{ reader: slot.name, currentState: PRESENT_ONCE }];
    const waiting = app1.driver.getStatusChange(app1.context, readerQuery, SCARD_INFINITE);
    sim.stopService({ crash: true });
    expect((await waiting).rc).toBe(SCARD_F_COMM_ERROR);
  });

  it('ends a connect that waits for a transaction with SCARD_F_COMM_ERROR when the service goes', async () => {
    const { sim, app1, app2, slot } = await bench();
    const { handle } = await connectShared(app1, slot.name);
    await app1.driver.beginTransaction(handle);
    const waiting = app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1);
    expect(await isPending(waiting)).toBe(true);
    sim.stopService();
    expect((await waiting).rc).toBe(SCARD_F_COMM_ERROR);
  });

  it('ends a transmit that waits for a transaction with SCARD_E_NO_SERVICE when the service goes', async () => {
    const { sim, app1, app2, slot } = await bench();
    const first = await connectShared(app1, slot.name);
    const second = await connectShared(app2, slot.name);
    await app1.driver.beginTransaction(first.handle);
    const waiting = app2.driver.transmit(second.handle, second.protocol, SELECT);
    expect(await isPending(waiting)).toBe(true);
    sim.stopService();
    expect((await waiting).rc).toBe(SCARD_E_NO_SERVICE);
  });
});

describe('simulated application exit (dispose)', () => {
  it('cancels its waiting calls, frees its handles and refuses new contexts', async () => {
    const { app1, app2, slot } = await bench();
    await connectShared(app1, slot.name);
    const waiting = app1.driver.getStatusChange(
      app1.context,
      [{ reader: slot.name, currentState: ((1 << 16) | SCARD_STATE_PRESENT | 0x100) >>> 0 }],
      SCARD_INFINITE,
    );
    await app1.driver.dispose();
    expect((await waiting).rc).toBe(SCARD_E_CANCELLED);
    expect((await app1.driver.establishContext()).rc).toBe(SCARD_E_NO_SERVICE);
    const unaware = [{ reader: slot.name, currentState: 0 }];
    const [state] = valueOf(await app2.driver.getStatusChange(app2.context, unaware, 0));
    expect((state?.eventState ?? 0) & 0x100).toBe(0);
  });
});
