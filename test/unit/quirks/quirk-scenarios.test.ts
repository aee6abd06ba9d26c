/**
 * One scenario per registry entry, each run three ways: pcsc-lite (the linux personality), the
 * affected release without the quirk layer (the entry's wrong behaviour must show), and the
 * affected release with it (the Linux result, or for diagnose-only entries the diagnosis).
 */
import { quirksFor, QUIRKS } from '../../../src/quirks/registry';
import { resolvePersonality } from '../../../src/simulator';
import { expectedFor, runScenario } from '../../scenarios/scenario';
import { QUIRK_SCENARIOS } from './scenarios';
import { QuirkWorld } from './scenarios/quirk-world';
import type { QuirkScenario } from './scenarios/quirk-scenario';

function run(scenario: QuirkScenario, personality: QuirkScenario['personality'], quirks: 'auto' | 'none'): Promise<string> {
  return runScenario(scenario, new QuirkWorld(personality, quirks, scenario.idlePowerOffMs ?? false), (world) => world.close());
}

describe.each(QUIRKS.map((quirk) => [quirk.id, quirk] as const))('quirk %s', (id, quirk) => {
  const scenario = QUIRK_SCENARIOS[id];

  it('runs on a release the registry says is affected', () => {
    const platform = resolvePersonality(scenario.personality).platform;
    expect(quirksFor(platform.os, platform.release).map((entry) => entry.id)).toContain(id);
  });

  it('pcsc-lite behaves as expected', async () => {
    expect(await run(scenario, 'linux', 'auto')).toBe(expectedFor(scenario, 'pcsc-lite'));
  });

  it('the affected release without the quirk layer shows the bug', async () => {
    const observed = await run(scenario, scenario.personality, 'none');
    expect(observed).toBe(expectedFor(scenario, 'unpatched'));
    expect(observed).not.toBe(expectedFor(scenario, 'pcsc-lite'));
  });

  it(quirk.workaround === 'diagnose-only' ? 'the library copes or explains' : 'the workaround gives the pcsc-lite result', async () => {
    const observed = await run(scenario, scenario.personality, 'auto');
    expect(observed).toBe(expectedFor(scenario, 'quirked'));
    if (quirk.workaround !== 'diagnose-only') expect(observed).not.toBe(expectedFor(scenario, 'unpatched'));
  });
});
