/**
 * One scenario per registry entry, each run three ways: pcsc-lite (the linux personality), the
 * affected release without the quirk layer (the entry's wrong behaviour must show), and the
 * affected release with it (the Linux result, or for diagnose-only entries the diagnosis).
 */
import { quirksFor, QUIRKS } from '../../../src/quirks/registry';
import { resolvePersonality } from '../../../src/simulator';
import { QUIRK_SCENARIOS } from './scenarios';
import { QuirkWorld } from './scenarios/quirk-world';
import type { QuirkScenario } from './scenarios/quirk-scenario';

async function run(scenario: QuirkScenario, personality: QuirkScenario['personality'], quirks: 'auto' | 'none'): Promise<string> {
  const world = new QuirkWorld(personality, quirks, scenario.idlePowerOffMs ?? false);
  try {
    return await scenario.observe(world);
  } finally {
    await world.close();
  }
}

describe.each(QUIRKS.map((quirk) => [quirk.id, quirk] as const))('quirk %s', (id, quirk) => {
  const scenario = QUIRK_SCENARIOS[id];

  it('runs on a release the registry says is affected', () => {
    const platform = resolvePersonality(scenario.personality).platform;
    expect(quirksFor(platform.os, platform.release).map((entry) => entry.id)).toContain(id);
  });

  it('pcsc-lite behaves as expected', async () => {
    expect(await run(scenario, 'linux', 'auto')).toBe(scenario.onLinux);
  });

  it('the affected release without the quirk layer shows the bug', async () => {
    const observed = await run(scenario, scenario.personality, 'none');
    expect(observed).toBe(scenario.unpatched);
    expect(observed).not.toBe(scenario.onLinux);
  });

  it(quirk.workaround === 'diagnose-only' ? 'the library copes or explains' : 'the workaround gives the pcsc-lite result', async () => {
    const observed = await run(scenario, scenario.personality, 'auto');
    expect(observed).toBe(scenario.withLibrary);
    if (quirk.workaround !== 'diagnose-only') expect(observed).not.toBe(scenario.unpatched);
  });
});
