/**
 * Differential random testing: seeded random port-level sequences over three applications and
 * two readers run on the real pcscd through every driver and on the simulator; every step's
 * normalized observation must be the same. A failure prints the seed and the shrunk sequence.
 * CONTRACT_SEED=<n> repeats a seed; `npm run test:soak` draws a new one each run.
 */
import { execFileSync } from 'node:child_process';
import { stopPcscd } from '../harness/pcscd';
import fc from 'fast-check';
import { compareWithSimulator } from './compare';
import { driversUnderTest, RealWorld } from './real-world';
import { withinLimit } from './run-sequence';
import { describeStep, sequenceArbitrary } from './steps';

const APPLICATIONS = 3;
const MAX_STEPS = 16;
/** Far above what a sequence takes (blocked calls included): beyond it something hangs. */
const SEQUENCE_LIMIT_MS = 180_000;
const CI_SEQUENCES_TOTAL = 300;
const SOAK_SEQUENCES_PER_DRIVER = 10_000;

const drivers = driversUnderTest();
const soak = process.env.RESILIENT_PCSC_SOAK === '1';
const perDriver = Number(process.env.CONTRACT_SEQUENCES) || (soak ? SOAK_SEQUENCES_PER_DRIVER : Math.ceil(CI_SEQUENCES_TOTAL / drivers.length));
const seed = Number(process.env.CONTRACT_SEED) || ((soak ? undefined : seedOfCheckedOutCommit()) ?? Date.now() % 2 ** 31);

/**
 * The bounded run's seed follows the commit: each commit explores its own sequences, and a
 * failure on a clean checkout repeats on the same commit. Undefined outside a git checkout.
 */
function seedOfCheckedOutCommit(): number | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number.parseInt(head.slice(0, 7), 16) || undefined;
  } catch {
    return undefined;
  }
}

jest.setTimeout(soak ? 24 * 3600_000 : 10 * 60_000);

afterAll(() => stopPcscd());

describe.each(drivers.map((driver) => [driver.label, driver] as const))('%s and the simulator: random sequences', (_label, driver) => {
  let world: RealWorld | undefined;

  afterAll(async () => {
    await world?.dispose();
  });

  it(`agree step by step on ${perDriver} sequences (seed ${seed})`, async () => {
    const opened = await RealWorld.open(driver, APPLICATIONS);
    world = opened;
    const { status, reconnect, transactions } = opened.apps[0]?.capabilities ?? { status: false, reconnect: false, transactions: false };
    let sequences = 0;
    let steps = 0;
    /** The report of the last sequence that failed: after shrinking, the smallest one. */
    let lastFailure: string | undefined;
    const started = Date.now();
    const details = await fc.check(
      fc.asyncProperty(sequenceArbitrary({ status, reconnect, transactions }, MAX_STEPS), async (sequence) => {
        if (
          !(await withinLimit(
            opened.prepare().then(() => true),
            false,
          ))
        ) {
          lastFailure = `${driver.label}: preparing the readers never ended`;
          return false;
        }
        sequences += 1;
        steps += sequence.length;
        const unanswered = { index: -1, report: `${driver.label}: the sequence never ended:\n${sequence.map(describeStep).join('\n')}` };
        const divergence = await withinLimit(compareWithSimulator(opened, sequence), unanswered, SEQUENCE_LIMIT_MS);
        if (divergence) lastFailure = divergence.report;
        return divergence === undefined;
      }),
      { seed, numRuns: perDriver, endOnFailure: process.env.CONTRACT_SHRINK === '0' },
    );
    console.log(
      `${driver.label}: ${sequences} sequences, ${steps} steps, ${details.failed ? 'a divergence' : '0 divergences'}, ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
    );
    // A sequence that threw (no report of its own) shows fast-check's error.
    const failure = details.failed
      ? details.errorInstance instanceof Error && !details.errorInstance.message.includes('returning false')
        ? details.errorInstance.message
        : lastFailure
      : undefined;
    expect(failure === undefined ? 'no divergence' : `seed ${seed}: ${failure}`).toBe('no divergence');
    expect(details.numRuns).toBe(perDriver);
  });
});
