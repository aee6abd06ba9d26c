/**
 * A card that stops answering holds only its own reader: while the card in `Virtual PCD 00 01` is
 * mute (a command to it pending in the PC/SC library), the card in `Virtual PCD 00 00` keeps
 * answering, the reader list answers, and the mute card's connection can be ended.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { TimeoutError } from '../../src/errors/pcsc-error';
import type { RealDriver } from '../harness/drivers';
import { insertMuteableCard, type MuteableCard } from '../harness/muteable-card';
import { withHarness } from '../harness/with-harness';

const MUTE_SLOT_PORT = 35964;
const MUTE_READER = 'Virtual PCD 00 01';
const ATR = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
const COMMAND = '00 A4 04 00 02 3F 00';
/** Generous: a healthy card answers in milliseconds. */
const HEALTHY_TIMEOUT_MS = 8000;
const DRIVERS: readonly RealDriver[] = ['smartcard', 'winscard'];

const harness = withHarness();
jest.setTimeout(90_000);

describe.each(DRIVERS)('a mute card next to a healthy one (%s)', (driver) => {
  let mute: MuteableCard | undefined;
  let app: Pcsc | undefined;
  afterEach(async () => {
    await mute?.remove();
    await app?.close().catch(() => undefined);
    mute = undefined;
    app = undefined;
  });

  it('the other card answers, the reader list answers, and the mute connection ends', async () => {
    mute = await insertMuteableCard(MUTE_SLOT_PORT, ATR);
    app = await Pcsc.open({ driver, quirks: 'none' });
    await app.waitForCard({ reader: MUTE_READER, timeout: 10_000 });
    await app.waitForCard({ reader: harness.readerName, timeout: 10_000 });
    const healthy = await app.connect(harness.readerName);
    const muted = await app.connect(MUTE_READER);
    const before = (await healthy.transmit(COMMAND)).sw;
    expect((await muted.transmit(COMMAND)).sw).toBe(0x9000);

    mute.mute();
    await expect(muted.transmit(COMMAND, { timeout: 500 })).rejects.toBeInstanceOf(TimeoutError);

    for (let i = 0; i < 3; i++) {
      expect((await healthy.transmit(COMMAND, { timeout: HEALTHY_TIMEOUT_MS })).sw).toBe(before);
    }
    const readers = await withDeadline(app.listReaders(), HEALTHY_TIMEOUT_MS, 'listReaders');
    expect(readers.map((reader) => reader.name)).toEqual(expect.arrayContaining([harness.readerName, MUTE_READER]));

    await withDeadline(
      muted.disconnect().catch(() => undefined),
      HEALTHY_TIMEOUT_MS,
      'disconnect of the mute card',
    );
    expect((await healthy.transmit(COMMAND, { timeout: HEALTHY_TIMEOUT_MS })).sw).toBe(before);
    await healthy.disconnect();
  });
});

/** The call's result, or a rejection naming it when it is still pending after `ms`. */
function withDeadline<T>(call: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} still pending after ${ms} ms`)), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}
