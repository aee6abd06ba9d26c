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
import type { DriverCapabilities } from '../../src/driver/pcsc-driver';
import { Pcsc } from '../../src/compose/pcsc';
import { UnsupportedFeatureError } from '../../src/errors/pcsc-error';
import { LIBRARY_ENV } from '../../src/adapters/winscard/load-winscard';
import { expectReaderRemoved, rejectionOf } from '../fixtures/reader-removed';
import { REAL_DRIVERS } from '../harness/drivers';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { UNPLUGGABLE_READER, UnpluggableReader } from '../harness/unpluggable-reader';
import { SELECT } from '../fixtures/seed';

/** SCARD_CTL_CODE(3400), CM_IOCTL_GET_FEATURE_REQUEST: the test reader's driver refuses it while plugged in. */
const GET_FEATURE_REQUEST = 0x42000d48;
/** SCARD_ATTR_DEVICE_FRIENDLY_NAME: pcscd answers it with the reader's name. */
const FRIENDLY_NAME_ATTRIBUTE = 0x7fff0003;

/** The first call on a card after the unplug; each runs on a card of its own where the driver has the call. */
const FIRST_CALLS: ReadonlyArray<{ readonly call: string; readonly needs?: keyof DriverCapabilities; readonly run: (card: Card) => Promise<unknown> }> = [
  { call: 'SCardTransmit', run: (card) => card.transmit(SELECT) },
  { call: 'SCardStatus', needs: 'status', run: (card) => card.status() },
  { call: 'SCardControl', needs: 'control', run: (card) => card.control(GET_FEATURE_REQUEST) },
  { call: 'SCardBeginTransaction', needs: 'transactions', run: (card) => card.transaction(() => undefined) },
  { call: 'SCardReconnect', needs: 'reconnect', run: (card) => card.reconnect() },
  { call: 'SCardGetAttrib', run: (card) => card.getAttribute(FRIENDLY_NAME_ATTRIBUTE) },
];

/** Drivers without SCardGetAttrib answer it with UnsupportedFeatureError while the reader is there. */
async function readsAttributes(card: Card): Promise<boolean> {
  try {
    expect(Buffer.from(await card.getAttribute(FRIENDLY_NAME_ATTRIBUTE)).toString('latin1')).toContain(UNPLUGGABLE_READER);
    return true;
  } catch (error) {
    if (error instanceof UnsupportedFeatureError) return false;
    throw error;
  }
}

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
  if (libraryBefore === undefined) Reflect.deleteProperty(process.env, LIBRARY_ENV);
  else process.env[LIBRARY_ENV] = libraryBefore;
  reader?.dispose();
});

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

  it("every card call rejects with the reader-removed error, the cards are no longer alive, and 'reader-detached' arrives", async () => {
    const pcsc = await Pcsc.open({ driver });
    try {
      await pcsc.waitForCard({ reader: UNPLUGGABLE_READER, timeout: REMOVAL_BOUND_MS });
      const detached = detachedWithin(pcsc, UNPLUGGABLE_READER, REMOVAL_BOUND_MS);
      const { capabilities } = pcsc;
      const probes = FIRST_CALLS.filter(
        (probe, index) => (probe.needs === undefined || capabilities[probe.needs]) && (index === 0 || capabilities.multipleHandlesPerReader),
      );
      const cards: Card[] = [];
      for (const _probe of probes) cards.push(await pcsc.connect(UNPLUGGABLE_READER));
      expect((await cards[0]?.transmit(SELECT))?.sw).toBe(0x9000);
      if (probes.at(-1)?.call === 'SCardGetAttrib' && !(await readsAttributes(cards.at(-1) as Card))) {
        probes.pop();
        await cards.pop()?.disconnect();
      }

      reader.unplug();
      await detached;
      expect((await pcsc.listReaders()).map((listed) => listed.name)).not.toContain(UNPLUGGABLE_READER);

      for (const [index, probe] of probes.entries()) {
        const card = cards[index] as Card;
        expectReaderRemoved(await rejectionOf(probe.run(card)), probe.call);
        expect(card.isAlive).toBe(false);
        // Later calls fail the same way without reaching pcscd.
        expectReaderRemoved(await rejectionOf(card.transmit(SELECT)), probe.call);
      }
      expect(pcsc.serviceAvailable).toBe(true);
    } finally {
      await pcsc.close();
    }
  });

  it('a transmit at once after the unplug (pcscd may still list the reader) rejects with the reader-removed error', async () => {
    const pcsc = await Pcsc.open({ driver });
    try {
      await pcsc.waitForCard({ reader: UNPLUGGABLE_READER, timeout: REMOVAL_BOUND_MS });
      const detached = detachedWithin(pcsc, UNPLUGGABLE_READER, REMOVAL_BOUND_MS);
      const card = await pcsc.connect(UNPLUGGABLE_READER);
      reader.unplug();
      expectReaderRemoved(await rejectionOf(card.transmit(SELECT)), 'SCardTransmit');
      expect(card.isAlive).toBe(false);
      await detached;
    } finally {
      await pcsc.close();
    }
  });
});
