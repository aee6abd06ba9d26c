/**
 * macOS 10.13+ (darwin-17) has no event counter and answers SCARD_W_RESET_CARD for a card taken out
 * and put back. The reinsertion guard watches the reader's presence, so the next call after such
 * an absence is a CardRemovedError, never a reset that `onReset: 'reconnect'` would replay.
 */
import { Pcsc } from '../../../../src/compose/pcsc';
import { CardRemovedError, CardResetError } from '../../../../src/errors/pcsc-error';
import { SimulatedPcsc, type SimulatedReaderSlot } from '../../../../src/simulator';
import { seedTestApplet } from '../../../../src/testing/sample-cards';
import type { VirtualCard } from '../../../../src/testing/virtual-card';
import { SELECT } from '../../../fixtures/seed';

const READER = 'Gemalto PC Twin Reader';
const GAP_MS = 300;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the reinsertion guard on darwin-17', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function setUp(): Promise<{ slot: SimulatedReaderSlot; pcsc: Pcsc; card: VirtualCard; reader: string }> {
    const sim = new SimulatedPcsc({ personality: 'darwin-17', idlePowerOffMs: false });
    const slot = sim.addReader(READER);
    const card = seedTestApplet();
    slot.insert(card);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    opened.push(pcsc);
    return { slot, pcsc, card, reader: slot.name };
  }

  it(`is on for darwin-17 and turns the same card out for ${GAP_MS} ms into CardRemovedError, without a replay`, async () => {
    const { slot, pcsc, card, reader } = await setUp();
    expect(pcsc.quirkProfile.enabled.reinsertionGuard).toBe(true);
    let restores = 0;
    const connected = await pcsc.connect(reader, { onReset: 'reconnect', restore: () => void (restores += 1) });
    await connected.transmit(SELECT);
    const commandsBefore = card.commandCount;

    slot.remove();
    await pause(GAP_MS);
    slot.insert(card);

    await expect(connected.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
    await expect(connected.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
    expect(restores).toBe(0);
    expect(card.commandCount).toBe(commandsBefore);

    await connected.reconnect();
    expect((await connected.transmit(SELECT)).sw).toBe(0x9000);
  });

  it('leaves a reset by another application a reset', async () => {
    const { pcsc, reader } = await setUp();
    const connected = await pcsc.connect(reader);
    await connected.transmit(SELECT);
    const other = await pcsc.connect(reader);
    await other.disconnect('reset');
    await expect(connected.transmit(SELECT)).rejects.toBeInstanceOf(CardResetError);
  });

  it('does not hold an absence against a card connected after it', async () => {
    const { slot, pcsc, card, reader } = await setUp();
    const first = await pcsc.connect(reader);
    slot.remove();
    await pause(GAP_MS);
    slot.insert(card);
    const second = await pcsc.connect(reader);
    expect((await second.transmit(SELECT)).sw).toBe(0x9000);
    await expect(first.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
  });
});
