import { SCARD_PROTOCOL_UNDEFINED } from '../../src/driver/scard-constants';
import { type Observation, PROTOCOLS } from './run-sequence';
import { describeStep, type FollowUp, type Step } from './steps';

/** The first step where the driver and the simulator disagree, or undefined. */
export interface Divergence {
  readonly index: number;
  readonly report: string;
}

/** The protocol each reader had negotiated on the simulator when each step began. */
export type NegotiatedProtocols = ReadonlyArray<readonly [number, number]>;

/**
 * Compares the driver's observations with the simulator's step by step. A step one side
 * observed and the other did not (one list is shorter) is a divergence too.
 */
export function firstDivergence(
  label: string,
  steps: readonly Step[],
  expected: readonly Observation[],
  actual: readonly Observation[],
  negotiated: NegotiatedProtocols = [],
): Divergence | undefined {
  const length = Math.max(expected.length, actual.length);
  let index = -1;
  for (let i = 0; i < length && index < 0; i += 1) {
    const observed = actual[i];
    if (observed !== expected[i] && (observed === undefined || !racedPastRelease(steps, expected, i, observed, negotiated))) index = i;
  }
  if (index < 0) return undefined;
  const both = (i: number): Observation | undefined =>
    actual[i] === expected[i] ? actual[i] : `${label}: ${actual[i] ?? '(none)'} | simulator: ${expected[i] ?? '(none)'}`;
  const lines = steps.map((step, i) => `${i === index ? '>>' : '  '} ${i}: ${describeStep(step)} -> ${both(i)}`);
  // A call left waiting for a lock ends once the others released their contexts: its answer comes last.
  for (let i = steps.length; i < length; i += 1) lines.push(`${i === index ? '>>' : '  '} ${i}: the waiting call -> ${both(i)}`);
  return { index, report: `${label} and the simulator diverge at step ${index}:\n${lines.join('\n')}` };
}

/**
 * pcscd's own race, not a driver's: a connect waiting for another application's lock (pcscd's
 * SCardConnect polls it every 100 ms) wakes when that application's release clears the lock, which
 * pcscd does before it resets the card and removes the handle. A poll in between finds the handle
 * still there (an exclusive connect: SCARD_E_SHARING_VIOLATION) or the protocol not yet reset
 * (SCARD_E_PROTO_MISMATCH, or success with that protocol: see racedConnectAnswer) where the
 * simulator, ending the release first, connects. Only those answers of that call are let through.
 */
function racedPastRelease(
  steps: readonly Step[],
  expected: readonly Observation[],
  index: number,
  actual: Observation,
  negotiated: NegotiatedProtocols,
): boolean {
  const blockedAt = expected.indexOf('BLOCKED');
  if (blockedAt < 0 || index !== blockedAt + 1) return false;
  const step = steps[blockedAt];
  const waiting = step?.op === 'release-then' ? step.next : step;
  if (waiting?.op !== 'connect') return false;
  const simulated = expected[index];
  if (simulated?.startsWith('then OK ') !== true) return false;
  if (/^then SCARD_E_(SHARING_VIOLATION|PROTO_MISMATCH)\//.test(actual)) return true;
  const before = negotiated[blockedAt]?.[waiting.reader];
  return before !== undefined && actual === racedConnectAnswer(waiting, before, simulated);
}

/**
 * The success a waiting connect gets when it wakes before the release's reset unset the protocol
 * `before` (pcsc-lite's SCardConnect, alike in 1.9.9, 2.3.3 and 2.5.1): a 'direct' one reports the
 * reader's protocol whatever it asked, and a shared one asking for that protocol takes it without
 * negotiating. Undefined where the race changes nothing or ends in an error: no protocol was
 * negotiated, RAW was asked (it is set either way), or an exclusive connect (it finds the
 * holder's handle still there).
 */
function racedConnectAnswer(waiting: Extract<Step | FollowUp, { op: 'connect' }>, before: number, simulated: Observation): Observation | undefined {
  if (before === SCARD_PROTOCOL_UNDEFINED || waiting.share === 'exclusive' || waiting.protocols === 'raw') return undefined;
  if (waiting.share === 'shared' && (PROTOCOLS[waiting.protocols] & before) === 0) return undefined;
  const raced = simulated.replace(/^then OK (h\d+) p\d+/, `then OK $1 p${before}`);
  return raced === simulated ? undefined : raced;
}
