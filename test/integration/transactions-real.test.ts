import { UnsupportedFeatureError } from '../../src/errors/pcsc-error';
import { seedTestApplet } from '../../src/testing/sample-cards';
import { applications } from '../harness/applications';
import { REAL_DRIVERS } from '../harness/drivers';
import { COMMAND, SELECT } from '../fixtures/seed';
import { withHarness } from '../harness/with-harness';

describe.each(REAL_DRIVERS)('card.transaction() on the real pcscd through %s', (driver) => {
  const harness = withHarness({ card: seedTestApplet });
  const open = applications(driver);

  it('is a real SCardBeginTransaction, or rejects with UnsupportedFeatureError without running the body', async () => {
    const pcsc = await open();
    const card = await pcsc.connect(harness.readerName);
    const body = jest.fn(async () => (await card.transmit(SELECT)).sw);
    if (pcsc.capabilities.transactions) {
      await expect(card.transaction(body)).resolves.toBe(0x9000);
    } else {
      const error = await card.transaction(body).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedFeatureError);
      expect((error as Error).message).toContain(`'${driver}' driver has no SCardBeginTransaction`);
      expect(body).not.toHaveBeenCalled();
    }
  });

  it("{ scope: 'process' } makes other Cards of the same Pcsc and of a second Pcsc wait until it ends", async () => {
    const pcsc = await open();
    const second = await open();
    const holder = await pcsc.connect(harness.readerName);
    const sibling = await pcsc.connect(harness.readerName);
    const stranger = await second.connect(harness.readerName);
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const transaction = holder.transaction(
      async (card) => {
        events.push(`tx select ${(await card.transmit(SELECT)).sw.toString(16)}`);
        started();
        await held;
        events.push(`tx command ${(await card.transmit(COMMAND)).sw.toString(16)}`);
      },
      { scope: 'process' },
    );
    await inside;
    const received = harness.card.commandCount;
    const others = [
      sibling.transmit(COMMAND).then((response) => events.push(`sibling ${response.sw.toString(16)}`)),
      stranger.transmit(COMMAND).then((response) => events.push(`stranger ${response.sw.toString(16)}`)),
    ];
    // Long enough for a call that was not held back to reach the card (a round trip is well under 1 ms here).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.card.commandCount).toBe(received);
    release();
    await Promise.all([transaction, ...others]);
    expect(events.slice(0, 2)).toEqual(['tx select 9000', 'tx command 9000']);
    // The applet stays selected for the same card: both waited, then ran after the transaction.
    expect(events.slice(2).sort()).toEqual(['sibling 9000', 'stranger 9000']);
  });
});
