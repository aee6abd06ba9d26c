import type { RealWorld } from './real-world';
import type { DriverCapabilities } from '../../src/driver/pcsc-driver';
import { type Observation, runSequence, selfDeadlockStep } from './run-sequence';
import { SimulatedWorld } from './simulated-world';
import { describeStep, type Step } from './steps';

/** The first step where the driver and the simulator disagree, or undefined. */
export interface Divergence {
  readonly index: number;
  readonly report: string;
}

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
  const index = actual.findIndex((observation, i) => observation !== expected[i] && !racedPastRelease(compared, expected, i, observation));
  if (index < 0) return undefined;
  const lines = compared.map((step, i) => {
    const mark = i === index ? '>>' : '  ';
    const both = actual[i] === expected[i] ? actual[i] : `${real.label}: ${actual[i]} | simulator: ${expected[i]}`;
    return `${mark} ${i}: ${describeStep(step)} -> ${both}`;
  });
  return { index, report: `${real.label} and the simulator diverge at step ${index}:\n${lines.join('\n')}` };
}

async function runOnSimulator(
  capabilities: DriverCapabilities,
  appCount: number,
  steps: readonly Step[],
): Promise<{ readonly observations: Observation[]; readonly idlePowerDowns: SimulatedWorld['idlePowerDowns'] }> {
  const simulated = new SimulatedWorld(capabilities, appCount);
  try {
    await simulated.prepare();
    const observations = await runSequence(simulated, steps);
    return { observations, idlePowerDowns: simulated.idlePowerDowns };
  } finally {
    await simulated.dispose();
  }
}

/**
 * pcscd's own race, not a driver's: a connect waiting for another application's lock (pcscd's
 * SCardConnect polls it every 100 ms) wakes when that application's release clears the lock, which
 * pcscd does before it resets the card and removes the handle. A poll in between finds the handle
 * still there (an exclusive connect: SCARD_E_SHARING_VIOLATION) or the protocol not yet reset
 * (SCARD_E_PROTO_MISMATCH) where the simulator, ending the release first, connects. Only that
 * answer of that call is let through.
 */
function racedPastRelease(steps: readonly Step[], expected: readonly Observation[], index: number, actual: Observation): boolean {
  const blockedAt = expected.indexOf('BLOCKED');
  if (blockedAt < 0 || index !== blockedAt + 1) return false;
  const step = steps[blockedAt];
  const waiting = step?.op === 'release-then' ? step.next : step;
  if (waiting?.op !== 'connect') return false;
  return expected[index]?.startsWith('then OK ') === true && /^then SCARD_E_(SHARING_VIOLATION|PROTO_MISMATCH)\//.test(actual);
}
