import type { RealWorld } from './real-world';
import { type Observation, runSequence } from './run-sequence';
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
  const simulated = new SimulatedWorld(capabilities, real.apps.length);
  let expected: Observation[];
  try {
    await simulated.prepare();
    expected = await runSequence(simulated, steps);
  } finally {
    await simulated.dispose();
  }
  real.expectIdlePowerDowns(simulated.idlePowerDowns);
  const actual = await runSequence(real, steps);
  const index = actual.findIndex((observation, i) => observation !== expected[i]);
  if (index < 0) return undefined;
  const lines = steps.map((step, i) => {
    const mark = i === index ? '>>' : '  ';
    const both = actual[i] === expected[i] ? actual[i] : `${real.label}: ${actual[i]} | simulator: ${expected[i]}`;
    return `${mark} ${i}: ${describeStep(step)} -> ${both}`;
  });
  return { index, report: `${real.label} and the simulator diverge at step ${index}:\n${lines.join('\n')}` };
}
