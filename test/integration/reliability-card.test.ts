import { InvalidArgumentError } from '../../src/errors/invalid-argument-error';
import type { Card } from '../../src/core/card';
import { CardRemovedError, PcscError } from '../../src/errors/pcsc-error';
import { Pcsc } from '../../src/compose/pcsc';
import { withHarness } from '../harness/with-harness';
import { faultCounts, malformedInput, random } from '../unit/reliability/fault-counts';
import { REAL_DRIVERS } from '../harness/drivers';
import { COMMAND, SELECT } from '../fixtures/seed';

const counts = faultCounts({ resets: 0, restarts: 0, removals: 5, malformed: 2000 });

function isCounting(data: Uint8Array): boolean {
  return data.length === 14 && data.every((byte, i) => byte === i);
}

describe.each(REAL_DRIVERS)('card faults on the real pcscd through %s', (driver) => {
  const harness = withHarness();

  async function selected(pcsc: Pcsc): Promise<Card> {
    await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
    const card = await pcsc.connect(harness.readerName);
    await card.transmit(SELECT);
    return card;
  }

  it('card removed and reinserted during a loop: CardRemovedError each time, then the loop resumes', async () => {
    const pcsc = await Pcsc.open({ driver });
    let removedErrors = 0;
    let otherTyped = 0;
    for (let removal = 0; removal < counts.removals; removal += 1) {
      const card = await selected(pcsc);
      expect(isCounting((await card.transmit(COMMAND)).data)).toBe(true);
      await harness.removeCard();
      // pcscd notices a vpcd removal at its next poll; until then commands may still be answered or fail typed.
      for (let attempt = 0; ; attempt += 1) {
        const outcome = await card.transmit(COMMAND).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome instanceof CardRemovedError) break;
        if (outcome !== undefined) {
          expect(outcome).toBeInstanceOf(PcscError);
          otherTyped += 1;
        }
        if (attempt > 200) throw new Error('the removal was never reported');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      removedErrors += 1;
      await card.disconnect();
      await harness.insertCard();
    }
    const again = await selected(pcsc);
    expect(isCounting((await again.transmit(COMMAND)).data)).toBe(true);
    console.log(
      `real pcscd (${driver}) removals: ${counts.removals} injected, ${removedErrors} CardRemovedError, ${otherTyped} other typed errors, loop resumed each time`,
    );
    expect(removedErrors).toBe(counts.removals);
    await pcsc.close();
  }, 300_000);

  it('malformed inputs to transmit and connect are typed errors and never reach the card', async () => {
    const pcsc = await Pcsc.open({ driver });
    const card = await selected(pcsc);
    const before = harness.card.commandCount;
    const next = random(5);
    let typed = 0;
    for (let i = 0; i < counts.malformed; i += 1) {
      const attempt =
        i % 2 === 0
          ? card.transmit(malformedInput(next) as string)
          : pcsc.connect(harness.readerName, { share: (malformedInput(next) ?? 'greedy') as 'shared', protocols: malformedInput(next) as ['T0'] });
      const error = await Promise.resolve(attempt).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof InvalidArgumentError)) throw new Error(`input ${i} gave ${String(error)}`);
      typed += 1;
    }
    expect(harness.card.commandCount).toBe(before);
    expect(isCounting((await card.transmit(COMMAND)).data)).toBe(true);
    console.log(`real pcscd (${driver}) malformed inputs: ${typed} typed errors, ${harness.card.commandCount - before - 1} reached the card`);
    await pcsc.close();
  }, 120_000);
});
