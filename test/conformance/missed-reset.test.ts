import { SIMULATOR_PERSONALITIES } from '../../src/simulator';
import { seedTestApplet } from '../../src/testing/sample-cards';
import { measureMissedResets } from './scenarios/missed-reset';
import { RealTarget } from './targets/real-target';
import { SimulatedTarget } from './targets/simulated-target';
import type { ConformanceTarget } from './targets/target';

const SEED = Number(process.env.MISSED_RESET_SEED ?? Date.now() % 0x7fffffff);
const RESETS = 100;
/** El Capitan through a driver without SCardStatus: the guard wraps each transmit in a transaction instead. */
const DARWIN_15_WITHOUT_STATUS = {
  ...SIMULATOR_PERSONALITIES['darwin-15'],
  name: 'darwin-15-without-SCardStatus',
  capabilities: { ...SIMULATOR_PERSONALITIES['darwin-15'].capabilities, status: false },
};

const runs: ReadonlyArray<readonly [ConformanceTarget, 'none' | 'some']> = [
  [new RealTarget('pcsclite'), 'none'],
  [new SimulatedTarget('darwin-15', 'auto', 'quirked'), 'none'],
  [new SimulatedTarget(DARWIN_15_WITHOUT_STATUS, 'auto', 'quirked'), 'none'],
  [new SimulatedTarget('darwin-15', 'none', 'unpatched'), 'some'],
];

describe.each(runs.map(([target, expected]) => [target.id, target, expected] as const))('missed-reset measurement: %s', (id, target, expected) => {
  beforeAll(() => target.start(), 30_000);
  afterEach(() => target.tearDown(), 30_000);
  afterAll(() => target.stop(), 30_000);

  it(`${expected === 'none' ? 'no' : 'some'} command reaches a reset card over ${RESETS} resets`, async () => {
    const bench = await target.setUp(seedTestApplet());
    const result = await measureMissedResets(bench, RESETS, SEED);
    console.log(`missed-reset: run=${id} seed=${SEED} resets=${result.resets} reachedResetCard=${result.reachedResetCard} resetErrors=${result.resetErrors}`);
    expect(result.resetErrors).toBeGreaterThanOrEqual(RESETS);
    if (expected === 'none') expect(result.reachedResetCard).toBe(0);
    else expect(result.reachedResetCard).toBeGreaterThan(0);
  }, 120_000);
});
