import {
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_UNKNOWN_READER,
  SCARD_S_SUCCESS,
} from '../../../src/driver/return-codes';
import {
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_RAW,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_PROTOCOL_UNDEFINED,
  SCARD_RESET_CARD,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
} from '../../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../../src/testing';
import { T0_ONLY_ATR, T0_OR_T1, bench, connectShared, isPending, openApplication, valueOf } from './simulator-fixtures';

describe('simulated SCardConnect', () => {
  it('answers SCARD_E_UNKNOWN_READER for a name the service does not list', async () => {
    const { app1, slot } = await bench();
    const rc = (await app1.driver.connect(app1.context, 'Gemalto PC Twin Reader', SCARD_SHARE_SHARED, T0_OR_T1)).rc;
    expect(rc).toBe(SCARD_E_UNKNOWN_READER);
    expect((await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_S_SUCCESS);
  });

  it('answers SCARD_E_NO_SMARTCARD on an empty reader, but connects DIRECT without a card', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    const app = await openApplication(sim);
    expect((await app.driver.connect(app.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_NO_SMARTCARD);
    expect((await app.driver.connect(app.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1)).rc).toBe(SCARD_E_NO_SMARTCARD);
    const direct = valueOf(await app.driver.connect(app.context, slot.name, SCARD_SHARE_DIRECT, 0));
    expect(direct.protocol).toBe(SCARD_PROTOCOL_UNDEFINED);
  });

  it('checks the request itself first', async () => {
    const { app1, slot } = await bench();
    expect((await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_SHARED, 0)).rc).toBe(SCARD_E_PROTO_MISMATCH);
    expect((await app1.driver.connect(app1.context, slot.name, 7, T0_OR_T1)).rc).toBe(SCARD_E_INVALID_VALUE);
    expect((await app1.driver.connect(app1.context, 'x'.repeat(129), SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_INVALID_VALUE);
  });

  describe('protocol negotiation', () => {
    it('picks T=1 when the ATR offers T=0 and T=1 and the caller accepts both', async () => {
      const { app1, slot } = await bench();
      expect((await connectShared(app1, slot.name)).protocol).toBe(SCARD_PROTOCOL_T1);
    });

    it('gives T=0 to a card whose ATR only implies T=0', async () => {
      const { app1, slot } = await bench({}, T0_ONLY_ATR);
      expect((await connectShared(app1, slot.name)).protocol).toBe(SCARD_PROTOCOL_T0);
    });

    it('answers SCARD_E_PROTO_MISMATCH when the requested protocols and the card do not overlap', async () => {
      const { app1, slot } = await bench({}, T0_ONLY_ATR);
      expect((await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1)).rc).toBe(SCARD_E_PROTO_MISMATCH);
    });

    it('keeps the protocol of the first handle for later ones', async () => {
      const { app1, app2, slot } = await bench();
      await connectShared(app1, slot.name);
      expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0)).rc).toBe(SCARD_E_PROTO_MISMATCH);
      const direct = valueOf(await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_DIRECT, 0));
      expect(direct.protocol).toBe(SCARD_PROTOCOL_T1);
    });

    it("gives a DIRECT connection the reader's negotiated protocol whatever it asks, as the slot shows it", async () => {
      const { app1, app2, slot } = await bench();
      expect(slot.negotiatedProtocol).toBe(SCARD_PROTOCOL_UNDEFINED);
      expect(valueOf(await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_T1)).protocol).toBe(SCARD_PROTOCOL_UNDEFINED);
      const { handle } = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0));
      expect(slot.negotiatedProtocol).toBe(SCARD_PROTOCOL_T0);
      for (const asked of [SCARD_PROTOCOL_UNDEFINED, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, T0_OR_T1]) {
        expect(valueOf(await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_DIRECT, asked)).protocol).toBe(SCARD_PROTOCOL_T0);
      }
      expect(await app1.driver.disconnect(handle, SCARD_RESET_CARD)).toBe(SCARD_S_SUCCESS);
      expect(slot.negotiatedProtocol).toBe(SCARD_PROTOCOL_UNDEFINED);
      expect(valueOf(await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_T0)).protocol).toBe(SCARD_PROTOCOL_UNDEFINED);
    });

    it('gives a DIRECT connection that waited for a released lock the protocol after the release reset the card', async () => {
      // pcscd clears the lock before that reset, so its 100 ms lock poll may also wake in between
      // and report T=0 (see test/contract/divergence.ts); the simulator ends the release first.
      const { app1, app2, slot } = await bench();
      const { handle } = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0));
      valueOf(await app1.driver.reconnect(handle, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0, SCARD_LEAVE_CARD));
      const waiting = app2.driver.connect(app2.context, slot.name, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_T0);
      expect(await isPending(waiting)).toBe(true);
      expect(await app1.driver.releaseContext(app1.context)).toBe(SCARD_S_SUCCESS);
      expect(valueOf(await waiting).protocol).toBe(SCARD_PROTOCOL_UNDEFINED);
    });

    it('lets SCARD_PROTOCOL_RAW through without negotiation', async () => {
      const { app1, slot } = await bench();
      const raw = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_RAW));
      expect(raw.protocol).toBe(SCARD_PROTOCOL_RAW);
    });
  });

  describe('share modes', () => {
    it('lets several applications share the card', async () => {
      const { app1, app2, slot } = await bench();
      const handles = [await connectShared(app1, slot.name), await connectShared(app2, slot.name), await connectShared(app2, slot.name)];
      expect(new Set(handles.map((connected) => connected.handle)).size).toBe(3);
    });

    it('refuses EXCLUSIVE while another handle (even DIRECT) uses the reader', async () => {
      const { app1, app2, slot } = await bench();
      const { handle } = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_DIRECT, 0));
      expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
      await app1.driver.disconnect(handle, SCARD_LEAVE_CARD);
      expect((await app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1)).rc).toBe(SCARD_S_SUCCESS);
    });

    it('refuses every connection, from any application, while one holds the reader EXCLUSIVE', async () => {
      const { app1, app2, slot } = await bench();
      valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1));
      for (const app of [app1, app2]) {
        expect((await app.driver.connect(app.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
        expect((await app.driver.connect(app.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
        expect((await app.driver.connect(app.context, slot.name, SCARD_SHARE_DIRECT, 0)).rc).toBe(SCARD_E_SHARING_VIOLATION);
      }
    });

    it('makes a connect wait while another handle runs a transaction', async () => {
      const { app1, app2, slot } = await bench();
      const { handle } = await connectShared(app1, slot.name);
      expect(await app1.driver.beginTransaction(handle)).toBe(SCARD_S_SUCCESS);
      const pending = app2.driver.connect(app2.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1);
      expect(await isPending(pending)).toBe(true);
      expect(await app1.driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
      expect((await pending).rc).toBe(SCARD_S_SUCCESS);
    });

    it('answers an EXCLUSIVE connect made during a transaction with a sharing violation once it ends', async () => {
      const { app1, app2, slot } = await bench();
      const { handle } = await connectShared(app1, slot.name);
      await app1.driver.beginTransaction(handle);
      const pending = app2.driver.connect(app2.context, slot.name, SCARD_SHARE_EXCLUSIVE, T0_OR_T1);
      expect(await isPending(pending)).toBe(true);
      await app1.driver.endTransaction(handle, SCARD_LEAVE_CARD);
      expect((await pending).rc).toBe(SCARD_E_SHARING_VIOLATION);
    });
  });

  it('powers the card up at insertion and once more only when it was powered down', async () => {
    const { app1, card, slot } = await bench({ idlePowerOffMs: false });
    expect(card.resetCount).toBe(1);
    await connectShared(app1, slot.name);
    expect(card.resetCount).toBe(1);
  });
});
