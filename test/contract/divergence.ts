import type { Observation } from './run-sequence';
import { describeStep, type Step } from './steps';

/** The first step where the driver and the simulator disagree, or undefined. */
export interface Divergence {
  readonly index: number;
  readonly report: string;
}

/**
 * Compares the driver's observations with the simulator's step by step. A step one side
 * observed and the other did not (one list is shorter) is a divergence too.
 */
export function firstDivergence(
  label: string,
  steps: readonly Step[],
  expected: readonly Observation[],
  actual: readonly Observation[],
): Divergence | undefined {
  const length = Math.max(expected.length, actual.length);
  let index = -1;
  for (let i = 0; i < length && index < 0; i += 1) {
    const observed = actual[i];
    if (observed !== expected[i] && (observed === undefined || !racedPastRelease(steps, expected, i, observed))) index = i;
  }
  if (index < 0) return undefined;
  const lines = steps.map((step, i) => {
    const mark = i === index ? '>>' : '  ';
    const both = actual[i] === expected[i] ? actual[i] : `${label}: ${actual[i] ?? '(none)'} | simulator: ${expected[i] ?? '(none)'}`;
    return `${mark} ${i}: ${describeStep(step)} -> ${both}`;
  });
  return { index, report: `${label} and the simulator diverge at step ${index}:\n${lines.join('\n')}` };
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
