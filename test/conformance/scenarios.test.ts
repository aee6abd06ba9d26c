import { allTargets } from './targets/all-targets';
import { expectedFor } from '../scenarios/scenario';
import { SCENARIOS, defaultCard } from './scenarios/api-scenarios';

const TIMEOUT_MS = 30_000;

describe.each(allTargets().map((target) => [target.id, target] as const))('conformance: %s', (_id, target) => {
  beforeAll(() => target.start(), TIMEOUT_MS);
  afterEach(() => target.tearDown(), TIMEOUT_MS);
  afterAll(() => target.stop(), TIMEOUT_MS);

  const applicable = SCENARIOS.filter((scenario) => !scenario.needsFork || !target.id.startsWith('pcscd'));
  it.each(applicable.map((scenario) => [scenario.title, scenario] as const))(
    '%s',
    async (_title, scenario) => {
      const bench = await target.setUp((scenario.card ?? defaultCard)());
      expect(await scenario.run(bench)).toEqual(expectedFor(scenario, target.expectation));
    },
    TIMEOUT_MS,
  );
});
