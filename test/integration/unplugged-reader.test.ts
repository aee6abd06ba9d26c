/**
 * A reader unplugged under a connected card, on a real pcscd, through every driver. pcscd answers
 * calls on a handle of a removed reader with SCARD_E_INVALID_VALUE (pcsc-lite's client library
 * answers SCardStatus with SCARD_E_READER_UNAVAILABLE); the library reports the removal instead.
 *
 * Debian's pcscd never removes a serial reader, so this runs pcsc-lite 2.5 built with USB hotplug
 * (test/harness/build-pcsc-lite.sh --hotplug) and a reader driver of our own that can be unplugged
 * (test/harness/unpluggable-reader/).
 */
import type { Card } from '../../src/core/card';
import { Pcsc } from '../../src/core/pcsc';
import { SCARD_E_READER_UNAVAILABLE } from '../../src/driver/return-codes';
import { UnknownReaderError } from '../../src/errors/pcsc-error';
import { LIBRARY_ENV } from '../../src/driver/adapters/winscard/load-winscard';
import { REAL_DRIVERS } from '../harness/drivers';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { UNPLUGGABLE_READER, UnpluggableReader } from '../harness/unpluggable-reader';

const SELECT = '00 A4 04 00 06 A0 00 00 00 18 FF';
/** A bound for pcscd to notice the removal (its driver is polled every 400 ms), not a speed check. */
const REMOVAL_BOUND_MS = 20_000;

jest.setTimeout(60_000);

let reader: UnpluggableReader;
const libraryBefore = process.env[LIBRARY_ENV];

beforeAll(() => {
  reader = new UnpluggableReader();
  // The 'winscard' driver talks through the client library of the same pcsc-lite build.
  process.env[LIBRARY_ENV] = reader.clientLibrary;
});

afterAll(() => {
  if (libraryBefore === undefined) delete process.env[LIBRARY_ENV];
  else process.env[LIBRARY_ENV] = libraryBefore;
  reader?.dispose();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('resolved'),
    (error: unknown) => error,
  );
}

function expectReaderRemoved(error: unknown, call: string): void {
  expect(error).toBeInstanceOf(UnknownReaderError);
  expect(error).toMatchObject({ code: SCARD_E_READER_UNAVAILABLE, codeName: 'SCARD_E_READER_UNAVAILABLE', call });
}

function detachedWithin(pcsc: Pcsc, name: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'reader-detached' for "${name}" within ${ms} ms`)), ms);
    pcsc.on('reader-detached', (detached) => {
      if (detached.name !== name) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

describe.each(REAL_DRIVERS)('a reader unplugged under connected cards (%s)', (driver) => {
  beforeEach(async () => {
    reader.plugIn();
    await startPcscd(reader.pcscdOptions);
  });
  afterEach(() => stopPcscd());

  it("transmit and status reject with the reader-removed error, the card is no longer alive, and 'reader-detached' arrives", async () => {
    const pcsc = await Pcsc.open({ driver });
    try {
      await pcsc.waitForCard({ reader: UNPLUGGABLE_READER, timeout: REMOVAL_BOUND_MS });
      const detached = detachedWithin(pcsc, UNPLUGGABLE_READER, REMOVAL_BOUND_MS);
      const transmitting = await pcsc.connect(UNPLUGGABLE_READER);
      expect((await transmitting.transmit(SELECT)).sw).toBe(0x9000);
      const { status, multipleHandlesPerReader } = pcsc.capabilities;
      const asking: Card | undefined = status && multipleHandlesPerReader ? await pcsc.connect(UNPLUGGABLE_READER) : undefined;

      reader.unplug();
      await detached;
      expect((await pcsc.listReaders()).map((listed) => listed.name)).not.toContain(UNPLUGGABLE_READER);

      expectReaderRemoved(await rejection(transmitting.transmit(SELECT)), 'SCardTransmit');
      expect(transmitting.isAlive).toBe(false);
      if (asking) {
        expectReaderRemoved(await rejection(asking.status()), 'SCardStatus');
        expect(asking.isAlive).toBe(false);
      }
      expect(pcsc.serviceAvailable).toBe(true);
    } finally {
      await pcsc.close();
    }
  });
});
