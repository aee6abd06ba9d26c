import type { RealWorld } from './real-world';
import type { DriverCapabilities } from '../../src/driver/pcsc-driver';
import { type Observation, runSequence, selfDeadlockStep } from './run-sequence';
import { SimulatedWorld } from './simulated-world';
import { type Divergence, firstDivergence } from './divergence';
import type { Step } from './steps';

/**
 * Runs `steps` on a fresh simulator with the real world's capabilities, then on the real world
 * (which follows the simulator's idle power-downs, see ContractWorld.stepEnded); compares each step.
 */
export async function compareWithSimulator(real: RealWorld, steps: readonly Step[]): Promise<Divergence | undefined> {
  const capabilities = real.apps[0]?.capabilities;
  if (!capabilities) throw new Error('a world needs at least one application');
  let run = await runOnSimulator(capabilities, real.apps.length, steps);
  // A sequence whose application then waits for its own lock would leave the real service with
  // a context nobody can release: both worlds stop before that step.
  const deadlock = selfDeadlockStep(run.observations);
  const compared = deadlock < 0 ? steps : steps.slice(0, deadlock);
  if (deadlock >= 0) run = await runOnSimulator(capabilities, real.apps.length, compared);
  const expected = run.observations;
  real.expectIdlePowerDowns(run.idlePowerDowns);
  const actual = await runSequence(real, compared);
  return firstDivergence(real.label, compared, expected, actual, run.negotiatedProtocols);
}

async function runOnSimulator(
  capabilities: DriverCapabilities,
  appCount: number,
  steps: readonly Step[],
): Promise<{
  readonly observations: Observation[];
  readonly idlePowerDowns: SimulatedWorld['idlePowerDowns'];
  readonly negotiatedProtocols: SimulatedWorld['negotiatedProtocols'];
}> {
  const simulated = new SimulatedWorld(capabilities, appCount);
  try {
    await simulated.prepare();
    const observations = await runSequence(simulated, steps);
    return { observations, idlePowerDowns: simulated.idlePowerDowns, negotiatedProtocols: simulated.negotiatedProtocols };
  } finally {
    await simulated.dispose();
  }
}
