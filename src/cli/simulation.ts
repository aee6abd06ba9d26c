import type { PcscDriver } from '../driver/pcsc-driver';
import { SimulatedPcsc, resolvePersonality } from '../simulator';
import { seedTestApplet } from '../testing/sample-cards';
import { UsageError } from './cli-errors';

/** The reader --simulate offers, holding the sample JavaCard test applet. */
export const SIMULATED_READER = 'Gemalto PC Twin Reader';
/** A second, empty reader, so `scan` shows both states. */
export const SIMULATED_EMPTY_READER = 'Simulated Empty Reader';

/** A simulated PC/SC service with a sample card, for trying the commands without hardware. */
export function simulatedDriver(personalityName: string): PcscDriver {
  let personality;
  try {
    personality = resolvePersonality(personalityName as Parameters<typeof resolvePersonality>[0]);
  } catch (error) {
    throw new UsageError(`--personality: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sim = new SimulatedPcsc({ personality });
  sim.addReader(SIMULATED_READER).insert(seedTestApplet());
  sim.addReader(SIMULATED_EMPTY_READER);
  return sim.driver();
}
