import { Pcsc } from '../../../src/core/pcsc';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import type { HandleId, Outcome } from '../../../src/driver/pcsc-driver';
import { fail } from '../../../src/driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_E_INVALID_VALUE, SCARD_E_READER_UNAVAILABLE } from '../../../src/driver/return-codes';
import { InvalidParameterError, NoServiceError, UnknownReaderError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard, SELECT } from '../simulator/simulator-fixtures';

const READER = 'Reader A 00 00';

/** A platform that answers INVALID_HANDLE, not INVALID_VALUE, for a handle whose reader is gone. */
class InvalidHandleAfterRemovalDriver extends ForwardingDriver {
  override async transmit(handle: HandleId, protocol: number, command: Uint8Array): Promise<Outcome<Uint8Array>> {
    const outcome = await this.inner.transmit(handle, protocol, command);
    return !outcome.ok && outcome.rc === SCARD_E_INVALID_VALUE ? fail(SCARD_E_INVALID_HANDLE) : outcome;
  }
}

/** A driver whose transmit answers INVALID_VALUE while the reader is still there. */
class InvalidValueDriver extends ForwardingDriver {
  override async transmit(): Promise<Outcome<Uint8Array>> {
    return fail(SCARD_E_INVALID_VALUE);
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('resolved'),
    (error: unknown) => error,
  );
}

function expectReaderRemoved(error: unknown, call: string): void {
  expect(error).toBeInstanceOf(UnknownReaderError);
  expect(error).toMatchObject({ code: SCARD_E_READER_UNAVAILABLE, codeName: 'SCARD_E_READER_UNAVAILABLE', call });
  expect(String((error as Error).message)).toContain(`"${READER}" was removed`);
}

describe('a card whose reader was unplugged', () => {
  it('rejects transmit with the reader-removed error (not InvalidParameterError), is no longer alive, and revives by reconnect() once the reader is back', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtual = appletCard();
    sim.addReader('Reader A').insert(virtual);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const lost = jest.fn();
    pcsc.on('service-lost', lost);
    try {
      const card = await pcsc.connect(READER);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      sim.removeReader(READER);

      expectReaderRemoved(await rejection(card.transmit(SELECT)), 'SCardTransmit');
      expect(card.isAlive).toBe(false);
      expect(card.isConnected).toBe(true);
      // Later calls fail the same way without reaching the service.
      expectReaderRemoved(await rejection(card.status()), 'SCardTransmit');
      expectReaderRemoved(await rejection(card.control(0x42000d48)), 'SCardTransmit');
      await expect(card.reconnect()).rejects.toBeInstanceOf(UnknownReaderError);
      expect(card.isAlive).toBe(false);
      expect(lost).not.toHaveBeenCalled();

      sim.addReader('Reader A').insert(appletCard());
      expect((await pcsc.listReaders()).map((reader) => reader.name)).toEqual([READER]);
      await card.reconnect();
      expect(card.isAlive).toBe(true);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    } finally {
      await pcsc.close();
    }
  });

  it.each([
    ['status', (card: Awaited<ReturnType<Pcsc['connect']>>) => card.status(), 'SCardStatus'],
    ['control', (card: Awaited<ReturnType<Pcsc['connect']>>) => card.control(0x42000d48), 'SCardControl'],
    ['a transaction', (card: Awaited<ReturnType<Pcsc['connect']>>) => card.transaction(() => undefined), 'SCardBeginTransaction'],
    ['reconnect', (card: Awaited<ReturnType<Pcsc['connect']>>) => card.reconnect(), 'SCardReconnect'],
  ])('rejects %s as its first call after the removal with the reader-removed error', async (_name, call, scard) => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const card = await pcsc.connect(READER);
      sim.removeReader(READER);
      expectReaderRemoved(await rejection(call(card)), scard);
      expect(card.isAlive).toBe(false);
    } finally {
      await pcsc.close();
    }
  });

  it('is told apart from a lost service when the platform answers SCARD_E_INVALID_HANDLE', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
    const pcsc = await Pcsc.open({ driver: new InvalidHandleAfterRemovalDriver(sim.driver()) });
    const lost = jest.fn();
    pcsc.on('service-lost', lost);
    try {
      const card = await pcsc.connect(READER);
      sim.removeReader(READER);
      expectReaderRemoved(await rejection(card.transmit(SELECT)), 'SCardTransmit');
      expect(lost).not.toHaveBeenCalled();
      expect(pcsc.serviceAvailable).toBe(true);
    } finally {
      await pcsc.close();
    }
  });

  it('a handle dead with the service still answers NoServiceError', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const card = await pcsc.connect(READER);
      sim.stopService();
      await expect(card.transmit(SELECT)).rejects.toBeInstanceOf(NoServiceError);
    } finally {
      await pcsc.close();
    }
  });

  it('SCARD_E_INVALID_VALUE while the reader is still listed stays InvalidParameterError and the card stays alive', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
    const pcsc = await Pcsc.open({ driver: new InvalidValueDriver(sim.driver()) });
    try {
      const card = await pcsc.connect(READER);
      const error = await rejection(card.transmit(SELECT));
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(error).toMatchObject({ code: SCARD_E_INVALID_VALUE });
      expect(card.isAlive).toBe(true);
    } finally {
      await pcsc.close();
    }
  });
});
