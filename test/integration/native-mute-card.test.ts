/**
 * A card that stops answering in the middle of a command cannot be given up by waiting for it: after
 * the caller's transmit timeout, listing readers, disconnecting and closing must still settle, the
 * stuck connection being abandoned (the worker process that holds it is killed, which makes pcscd
 * release it). The time each takes is printed.
 */
import { Pcsc } from '../../src/compose/pcsc';
import { PcscError, TimeoutError } from '../../src/errors/pcsc-error';
import type { Card } from '../../src/core/card';
import { REAL_DRIVERS, type RealDriver } from '../harness/drivers';
import { insertMuteableCard, type MuteableCard } from '../harness/muteable-card';
import { withHarness } from '../harness/with-harness';

const MUTE_SLOT_PORT = 35964;
const MUTE_READER = 'Virtual PCD 00 01';
const ATR = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
const COMMAND = '00 A4 04 00 02 3F 00';

withHarness();
jest.setTimeout(60_000);

/** How a call ended, and after how long. */
async function timed(call: () => Promise<unknown>): Promise<{ readonly ms: number; readonly outcome: unknown }> {
  const startedAt = Date.now();
  const outcome = await call().then(
    () => 'ok',
    (error: unknown) => error,
  );
  return { ms: Date.now() - startedAt, outcome };
}

function describeOutcome(outcome: unknown): string {
  return outcome instanceof Error ? outcome.constructor.name : String(outcome);
}

interface StuckConnection {
  readonly card: MuteableCard;
  readonly app: Pcsc;
  readonly connection: Card;
}

/** A client whose connection has a command the card never answers, after the caller's timeout fired. */
async function stuckConnection(driver: RealDriver): Promise<StuckConnection> {
  const card = await insertMuteableCard(MUTE_SLOT_PORT, ATR);
  const app = await Pcsc.open({ driver, quirks: 'none' });
  await app.waitForCard({ reader: MUTE_READER, timeout: 10_000 });
  const connection = await app.connect(MUTE_READER);
  expect((await connection.transmit(COMMAND)).sw).toBe(0x9000);
  card.mute();
  const stuck = await timed(() => connection.transmit(COMMAND, { timeout: 500 }));
  expect(stuck.outcome).toBeInstanceOf(TimeoutError);
  return { card, app, connection };
}

function expectSettledTyped(outcome: unknown): void {
  if (outcome !== 'ok') expect(outcome).toBeInstanceOf(PcscError);
}

describe.each(REAL_DRIVERS)('a mute card is given up (%s)', (driver) => {
  let stuck: StuckConnection | undefined;
  afterEach(async () => {
    await stuck?.card.remove();
    await stuck?.app.close().catch(() => undefined);
    stuck = undefined;
  });

  it('listReaders answers and disconnect settles after a transmit timeout', async () => {
    stuck = await stuckConnection(driver);
    const listing = await timed(() => (stuck as StuckConnection).app.listReaders());
    const disconnecting = await timed(() => (stuck as StuckConnection).connection.disconnect());
    console.log(
      `mute card (${driver}): listReaders ${listing.ms} ms (${describeOutcome(listing.outcome)}), ` +
        `disconnect ${disconnecting.ms} ms (${describeOutcome(disconnecting.outcome)})`,
    );
    expect(listing.outcome).toBe('ok');
    expectSettledTyped(disconnecting.outcome);
  });

  it('close() settles after a transmit timeout', async () => {
    stuck = await stuckConnection(driver);
    const closing = await timed(() => (stuck as StuckConnection).app.close());
    console.log(`mute card (${driver}): close() ${closing.ms} ms (${describeOutcome(closing.outcome)})`);
    expectSettledTyped(closing.outcome);
  });
});
