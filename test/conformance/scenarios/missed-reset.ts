import type { Card } from '../../../src/core/card';
import { CardResetError } from '../../../src/errors/pcsc-error';
import type { CardLogEntry } from '../../../src/testing/virtual-card';
import type { Bench } from '../targets/target';
import { COMMAND, SELECT, isSelect } from '../../fixtures/seed';
import { seededRandom } from './seeded-random';

export interface MissedResetResult {
  readonly resets: number;
  readonly reachedResetCard: number;
  readonly resetErrors: number;
}

/** Commands (not SELECTs) the card received after a reset that no SELECT followed: answered 69 85 unexpectedly. */
export function countReachedResetCard(log: readonly CardLogEntry[]): number {
  let selectedAt: number | undefined;
  let reached = 0;
  for (const entry of log) {
    if (isSelect(entry.command)) selectedAt = entry.resetCount;
    else if (selectedAt !== undefined && entry.resetCount !== selectedAt) reached += 1;
  }
  return reached;
}

/**
 * The seed's loop (SELECT, then 80 34 00 0E 0E forever) with another application resetting the
 * card after a random number of commands. Every reset error is answered by reconnect + SELECT.
 */
export async function measureMissedResets(bench: Bench, resets: number, seed: number): Promise<MissedResetResult> {
  const random = seededRandom(seed);
  const looper = await bench.app();
  const resetter = await bench.app();
  const card = await looper.connect(bench.reader);
  await card.transmit(SELECT);
  let resetErrors = 0;
  const send = async (target: Card): Promise<void> => {
    try {
      await target.transmit(COMMAND);
    } catch (error) {
      if (!(error instanceof CardResetError)) throw error;
      resetErrors += 1;
      await target.reconnect();
      await target.transmit(SELECT);
    }
  };
  for (let i = 0; i < resets; i += 1) {
    const commandsBefore = Math.floor(random() * 4);
    for (let n = 0; n < commandsBefore; n += 1) await send(card);
    await (await resetter.connect(bench.reader)).disconnect('reset');
    // Two commands: the first meets the reset (or, with the bug, the reset card), the second its late report.
    await send(card);
    await send(card);
  }
  return { resets, reachedResetCard: countReachedResetCard(bench.card.log), resetErrors };
}
