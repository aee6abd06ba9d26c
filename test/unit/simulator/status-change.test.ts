import type { ReaderStateQuery } from '../../../src/driver/pcsc-driver';
import { SCARD_E_CANCELLED, SCARD_E_INVALID_HANDLE, SCARD_E_TIMEOUT, SCARD_E_UNKNOWN_READER, SCARD_S_SUCCESS } from '../../../src/driver/return-codes';
import {
  PNP_NOTIFICATION_READER,
  SCARD_INFINITE,
  SCARD_LEAVE_CARD,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_IGNORE,
  SCARD_STATE_INUSE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNAWARE,
  SCARD_STATE_UNKNOWN,
} from '../../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../../src/testing';
import { COMMAND, T0_OR_T1, appletCard, bench, connectShared, hex, isPending, openApplication, valueOf, type Application } from './simulator-fixtures';

const withCounter = (counter: number, flags: number): number => ((counter << 16) | flags) >>> 0;

function watch(app: Application, queries: ReaderStateQuery[], timeoutMs: number) {
  return app.driver.getStatusChange(app.context, queries, timeoutMs);
}

describe('simulated SCardGetStatusChange', () => {
  it('answers at once for a caller that is unaware, with the card state, counter and ATR', async () => {
    const { app1, slot, card } = await bench();
    const [state] = valueOf(await watch(app1, [{ reader: slot.name, currentState: SCARD_STATE_UNAWARE }], 0));
    expect(state?.eventState).toBe(withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED));
    expect(hex(state?.atr)).toBe(hex(card.atr));
  });

  it('times out when nothing differs from what the caller knows', async () => {
    const { app1, slot } = await bench();
    const known = withCounter(1, SCARD_STATE_PRESENT);
    expect((await watch(app1, [{ reader: slot.name, currentState: known }], 0)).rc).toBe(SCARD_E_TIMEOUT);
    const started = Date.now();
    expect((await watch(app1, [{ reader: slot.name, currentState: known }], 50)).rc).toBe(SCARD_E_TIMEOUT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('wakes up when the card is removed and inserted', async () => {
    const { app1, slot } = await bench();
    const present = withCounter(1, SCARD_STATE_PRESENT);
    const removal = watch(app1, [{ reader: slot.name, currentState: present }], SCARD_INFINITE);
    expect(await isPending(removal)).toBe(true);
    slot.remove();
    const [removed] = valueOf(await removal);
    expect(removed?.eventState).toBe(withCounter(2, SCARD_STATE_EMPTY | SCARD_STATE_CHANGED));
    expect(removed?.atr).toHaveLength(0);

    const insertion = watch(app1, [{ reader: slot.name, currentState: removed?.eventState ?? 0 }], 1000);
    expect(await isPending(insertion)).toBe(true);
    slot.insert(appletCard());
    expect(valueOf(await insertion)[0]?.eventState).toBe(withCounter(3, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED));
  });

  it('notices a removal and reinsertion between two calls through the event counter', async () => {
    const { app1, slot } = await bench();
    slot.remove();
    slot.insert(appletCard());
    const before = withCounter(1, SCARD_STATE_PRESENT);
    const [state] = valueOf(await watch(app1, [{ reader: slot.name, currentState: before }], 0));
    expect(state?.eventState).toBe(withCounter(3, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED));
  });

  it('does not count a reset as an event', async () => {
    const { app1, app2, slot } = await bench();
    const { handle } = await connectShared(app2, slot.name);
    const inUse = withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_INUSE);
    await app2.driver.reconnect(handle, 2, T0_OR_T1, 1);
    expect((await watch(app1, [{ reader: slot.name, currentState: inUse }], 0)).rc).toBe(SCARD_E_TIMEOUT);
  });

  it('does not wake a caller when a connection starts, only when it ends (as pcscd 1.9)', async () => {
    const { app1, app2, slot } = await bench();
    const idle = withCounter(1, SCARD_STATE_PRESENT);
    const starting = watch(app1, [{ reader: slot.name, currentState: idle }], 30);
    const first = await connectShared(app2, slot.name);
    expect((await starting).rc).toBe(SCARD_E_TIMEOUT);

    const [inUse] = valueOf(await watch(app1, [{ reader: slot.name, currentState: SCARD_STATE_UNAWARE }], 0));
    expect(inUse?.eventState).toBe(withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_INUSE | SCARD_STATE_CHANGED));
    const ending = watch(app1, [{ reader: slot.name, currentState: idle | SCARD_STATE_INUSE }], 1000);
    await app2.driver.disconnect(first.handle, SCARD_LEAVE_CARD);
    expect(valueOf(await ending)[0]?.eventState).toBe(withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED));
  });

  it('reports an exclusive connection to a caller that expected a shared one, and its end', async () => {
    const { app1, app2, slot } = await bench();
    const exclusive = valueOf(await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1));
    const expectedShared = withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_INUSE);
    const [state] = valueOf(await watch(app1, [{ reader: slot.name, currentState: expectedShared }], 0));
    expect(state?.eventState).toBe(withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_EXCLUSIVE | SCARD_STATE_CHANGED));

    const known = (state?.eventState ?? 0) & ~SCARD_STATE_CHANGED;
    const ending = watch(app1, [{ reader: slot.name, currentState: known }], 1000);
    expect(await isPending(ending)).toBe(true);
    await app2.driver.disconnect(exclusive.handle, SCARD_LEAVE_CARD);
    expect(valueOf(await ending)[0]?.eventState).toBe(withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED));
  });

  it('answers SCARD_E_UNKNOWN_READER for a reader it does not know', async () => {
    const { app1 } = await bench();
    expect((await watch(app1, [{ reader: 'No Such Reader', currentState: 0 }], 0)).rc).toBe(SCARD_E_UNKNOWN_READER);
  });

  it('reports a reader that goes away as unknown and unavailable', async () => {
    const { app1, sim, slot } = await bench();
    const waiting = watch(app1, [{ reader: slot.name, currentState: withCounter(1, SCARD_STATE_PRESENT) }], 1000);
    sim.removeReader(slot.name);
    const gone = SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_CHANGED;
    expect(valueOf(await waiting)[0]?.eventState).toBe(gone);
  });

  it('succeeds at once when there is nothing to watch', async () => {
    const { app1, slot } = await bench();
    expect(valueOf(await watch(app1, [], SCARD_INFINITE))).toEqual([]);
    const ignored = await watch(app1, [{ reader: slot.name, currentState: SCARD_STATE_IGNORE }], SCARD_INFINITE);
    expect(ignored.rc).toBe(SCARD_S_SUCCESS);
  });

  describe('the PnP pseudo reader', () => {
    it('changes when a reader is plugged in or out during the call', async () => {
      const sim = new SimulatedPcsc();
      const app = await openApplication(sim);
      const pnp: ReaderStateQuery = { reader: PNP_NOTIFICATION_READER, currentState: SCARD_STATE_UNAWARE };
      expect((await watch(app, [pnp], 0)).rc).toBe(SCARD_E_TIMEOUT);

      const arrival = watch(app, [pnp], SCARD_INFINITE);
      expect(await isPending(arrival)).toBe(true);
      sim.addReader('Reader');
      expect(valueOf(await arrival)[0]?.eventState).toBe(SCARD_STATE_CHANGED);

      const departure = watch(app, [{ reader: PNP_NOTIFICATION_READER.toUpperCase(), currentState: 0 }], 1000);
      sim.removeReader('Reader');
      expect(valueOf(await departure)[0]?.eventState).toBe(SCARD_STATE_CHANGED);
    });

    it('does not react to card events', async () => {
      const sim = new SimulatedPcsc();
      const slot = sim.addReader('Reader');
      const app = await openApplication(sim);
      const waiting = watch(app, [{ reader: PNP_NOTIFICATION_READER, currentState: 0 }], 30);
      slot.insert(appletCard());
      expect((await waiting).rc).toBe(SCARD_E_TIMEOUT);
    });
  });

  describe('SCardCancel', () => {
    it('ends a waiting call with SCARD_E_CANCELLED', async () => {
      const { app1, slot } = await bench();
      const present = withCounter(1, SCARD_STATE_PRESENT);
      const waiting = watch(app1, [{ reader: slot.name, currentState: present }], SCARD_INFINITE);
      expect(await isPending(waiting)).toBe(true);
      expect(await app1.driver.cancel(app1.context)).toBe(SCARD_S_SUCCESS);
      expect((await waiting).rc).toBe(SCARD_E_CANCELLED);
    });

    it('does nothing when no call waits', async () => {
      const { app1, slot } = await bench();
      expect(await app1.driver.cancel(app1.context)).toBe(SCARD_S_SUCCESS);
      expect((await watch(app1, [{ reader: slot.name, currentState: 0 }], 0)).rc).toBe(SCARD_S_SUCCESS);
    });
  });

  it('blocks the other calls of its context while it waits, as libpcsclite does', async () => {
    const { app1, slot } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    const inUse = withCounter(1, SCARD_STATE_PRESENT | SCARD_STATE_INUSE);
    const waiting = watch(app1, [{ reader: slot.name, currentState: inUse }], SCARD_INFINITE);
    const transmit = app1.driver.transmit(handle, protocol, COMMAND);
    const listing = app1.driver.listReaders(app1.context);
    expect(await isPending(transmit)).toBe(true);
    expect(await isPending(listing)).toBe(true);

    const secondContext = valueOf(await app1.driver.establishContext());
    expect(valueOf(await app1.driver.listReaders(secondContext))).toEqual([slot.name]);

    await app1.driver.cancel(app1.context);
    expect((await waiting).rc).toBe(SCARD_E_CANCELLED);
    expect((await transmit).rc).toBe(SCARD_S_SUCCESS);
    expect((await listing).rc).toBe(SCARD_S_SUCCESS);
  });

  it('answers SCARD_E_INVALID_HANDLE for an unknown context', async () => {
    const { app1, slot } = await bench();
    const rc = (await app1.driver.getStatusChange(999, [{ reader: slot.name, currentState: 0 }], 0)).rc;
    expect(rc).toBe(SCARD_E_INVALID_HANDLE);
  });
});
