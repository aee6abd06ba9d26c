import { Pcsc } from '../../../src/compose/pcsc';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import type { HandleId, Outcome } from '../../../src/driver/pcsc-driver';
import { fail } from '../../../src/driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_E_INVALID_VALUE, SCARD_E_READER_UNAVAILABLE } from '../../../src/driver/return-codes';
import { InvalidParameterError, NoServiceError, UnknownReaderError } from '../../../src/errors/pcsc-error';
import type { PcscDriver } from '../../../src/driver/pcsc-driver';
import type { Card } from '../../../src/core/card';
import { SimulatedPcsc } from '../../../src/simulator';
import { expectReaderRemoved, rejectionOf } from '../../fixtures/reader-removed';
import { appletCard, SELECT } from '../simulator/simulator-fixtures';

const READER = 'Reader A 00 00';

/** A platform that answers INVALID_HANDLE, not INVALID_VALUE, for a handle whose reader is gone. */
class InvalidHandleAfterRemovalDriver extends ForwardingDriver {
  override async transmit(handle: HandleId, protocol: number, command: Uint8Array): Promise<Outcome<Uint8Array>> {
    const outcome = await this.inner.transmit(handle, protocol, command);
    return !outcome.ok && outcome.rc === SCARD_E_INVALID_VALUE ? fail(SCARD_E_INVALID_HANDLE) : outcome;
  }
}

/** pcscd between the reader driver's IFD_NO_SUCH_DEVICE and the reader's removal: still listed, transmit answers READER_UNAVAILABLE. */
class ReaderUnavailableDriver extends ForwardingDriver {
  override async transmit(): Promise<Outcome<Uint8Array>> {
    return fail(SCARD_E_READER_UNAVAILABLE);
  }
}

/** A driver whose transmit answers INVALID_VALUE while the reader is still there. */
class InvalidValueDriver extends ForwardingDriver {
  override async transmit(): Promise<Outcome<Uint8Array>> {
    return fail(SCARD_E_INVALID_VALUE);
  }
}

const CONTROL_CODE = 0x42000d48;

/** Runs `body` with a Pcsc on a simulated service holding READER (with a card) and a card connected to it. */
async function withConnectedCard(
  body: (scene: { sim: SimulatedPcsc; pcsc: Pcsc; card: Card }) => Promise<void>,
  wrap: (driver: PcscDriver) => PcscDriver = (driver) => driver,
): Promise<void> {
  const sim = new SimulatedPcsc({ idlePowerOffMs: false });
  sim.addReader('Reader A').insert(appletCard());
  const pcsc = await Pcsc.open({ driver: wrap(sim.driver()) });
  try {
    await body({ sim, pcsc, card: await pcsc.connect(READER) });
  } finally {
    await pcsc.close();
  }
}

describe('a card whose reader was unplugged', () => {
  it('rejects transmit with the reader-removed error (not InvalidParameterError), is no longer alive, and revives by reconnect() once the reader is back', () =>
    withConnectedCard(async ({ sim, pcsc, card }) => {
      const lost = jest.fn();
      pcsc.on('service-lost', lost);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      sim.removeReader(READER);

      const error = await rejectionOf(card.transmit(SELECT));
      expectReaderRemoved(error, 'SCardTransmit');
      expect((error as Error).message).toContain(`"${READER}" was removed`);
      expect(card.isAlive).toBe(false);
      expect(card.isConnected).toBe(true);
      // Later calls fail the same way without reaching the service.
      expectReaderRemoved(await rejectionOf(card.status()), 'SCardTransmit');
      expectReaderRemoved(await rejectionOf(card.control(CONTROL_CODE)), 'SCardTransmit');
      await expect(card.reconnect()).rejects.toBeInstanceOf(UnknownReaderError);
      expect(card.isAlive).toBe(false);
      expect(lost).not.toHaveBeenCalled();

      sim.addReader('Reader A').insert(appletCard());
      expect((await pcsc.listReaders()).map((reader) => reader.name)).toEqual([READER]);
      await card.reconnect();
      expect(card.isAlive).toBe(true);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    }));

  it.each([
    ['status', (card: Card) => card.status(), 'SCardStatus'],
    ['control', (card: Card) => card.control(CONTROL_CODE), 'SCardControl'],
    ['a transaction', (card: Card) => card.transaction(() => undefined), 'SCardBeginTransaction'],
    ['reconnect', (card: Card) => card.reconnect(), 'SCardReconnect'],
  ])('rejects %s as its first call after the removal with the reader-removed error', (_name, call, scard) =>
    withConnectedCard(async ({ sim, card }) => {
      sim.removeReader(READER);
      expectReaderRemoved(await rejectionOf(call(card)), scard);
      expect(card.isAlive).toBe(false);
    }),
  );

  it('is told apart from a lost service when the platform answers SCARD_E_INVALID_HANDLE', () =>
    withConnectedCard(
      async ({ sim, pcsc, card }) => {
        const lost = jest.fn();
        pcsc.on('service-lost', lost);
        sim.removeReader(READER);
        expectReaderRemoved(await rejectionOf(card.transmit(SELECT)), 'SCardTransmit');
        expect(lost).not.toHaveBeenCalled();
        expect(pcsc.serviceAvailable).toBe(true);
      },
      (driver) => new InvalidHandleAfterRemovalDriver(driver),
    ));

  it('SCARD_E_READER_UNAVAILABLE is the reader-removed error even while the reader is still listed', () =>
    withConnectedCard(
      async ({ pcsc, card }) => {
        expect((await pcsc.listReaders()).map((reader) => reader.name)).toEqual([READER]);
        expectReaderRemoved(await rejectionOf(card.transmit(SELECT)), 'SCardTransmit');
        expect(card.isAlive).toBe(false);
      },
      (driver) => new ReaderUnavailableDriver(driver),
    ));

  it('a handle dead with the service still answers NoServiceError', () =>
    withConnectedCard(async ({ sim, card }) => {
      sim.stopService();
      await expect(card.transmit(SELECT)).rejects.toBeInstanceOf(NoServiceError);
    }));

  it('SCARD_E_INVALID_VALUE while the reader is still listed stays InvalidParameterError and the card stays alive', () =>
    withConnectedCard(
      async ({ card }) => {
        const error = await rejectionOf(card.transmit(SELECT));
        expect(error).toBeInstanceOf(InvalidParameterError);
        expect(error).toMatchObject({ code: SCARD_E_INVALID_VALUE });
        expect(card.isAlive).toBe(true);
      },
      (driver) => new InvalidValueDriver(driver),
    ));
});
