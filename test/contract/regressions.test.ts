/** The divergences the random run found, kept as fixed scenarios on every driver. */
import { stopPcscd } from '../harness/pcscd';
import { compareWithSimulator } from './compare';
import { driversUnderTest, RealWorld } from './real-world';
import { REGRESSIONS } from './regressions';

jest.setTimeout(120_000);

afterAll(() => stopPcscd());

describe.each(driversUnderTest().map((driver) => [driver.label, driver] as const))('%s and the simulator: fixed scenarios', (_label, driver) => {
  let world: RealWorld | undefined;

  beforeAll(async () => {
    world = await RealWorld.open(driver, 3);
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it.each(REGRESSIONS.map((scenario) => [scenario.name, scenario.steps] as const))('%s', async (_name, steps) => {
    if (!world) throw new Error('the world did not open');
    await world.prepare();
    const divergence = await compareWithSimulator(world, steps);
    expect(divergence?.report).toBeUndefined();
  });
});
