/**
 * The scenario framework of the suites that hold a behaviour to a known result: a scenario's steps
 * run in several worlds, and each world names which of the scenario's expected results it must give.
 * The conformance suite (test/conformance: the public API on the real pcscd and on simulator
 * personalities) and the quirk suite (test/unit/quirks: one scenario per quirk registry entry, on
 * the simulator) both use it. See test/README.md.
 */

/**
 * Which result a world must give: pcsc-lite's (the real pcscd, the simulator's linux personality),
 * an affected release's own (the quirk layer off: its bug shows), or that release's behind the quirk
 * layer (pcsc-lite's result again, or where only a diagnosis is possible, the diagnosis).
 */
export type Expectation = 'pcsc-lite' | 'unpatched' | 'quirked';

/** The expected result per expectation; a missing one means pcsc-lite's. */
export type ExpectedResults<Observation> = { readonly 'pcsc-lite': Observation } & Partial<Record<Exclude<Expectation, 'pcsc-lite'>, Observation>>;

/** Steps run in a world of type `World`, reduced to an observation compared with the expected one. */
export interface Scenario<World, Observation> {
  run(world: World): Promise<Observation>;
  readonly expected: ExpectedResults<Observation>;
}

/** The result `scenario` must give in a world held to `expectation`. */
export function expectedFor<Observation>(scenario: Scenario<never, Observation>, expectation: Expectation): Observation {
  return scenario.expected[expectation] ?? scenario.expected['pcsc-lite'];
}

/** Runs `scenario` in `world`, then lets the world go (also when the scenario fails). */
export async function runScenario<World, Observation>(
  scenario: Scenario<World, Observation>,
  world: World,
  dispose: (world: World) => Promise<void>,
): Promise<Observation> {
  try {
    return await scenario.run(world);
  } finally {
    await dispose(world);
  }
}
