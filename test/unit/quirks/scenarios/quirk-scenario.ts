import type { PersonalityName, SimulatorPersonality } from '../../../../src/simulator';
import type { Scenario } from '../../../scenarios/scenario';
import type { QuirkWorld } from './quirk-world';

/**
 * One registry entry, shown: the same steps run on pcsc-lite (the simulator's linux personality,
 * which the driver-level suite holds to the real pcscd), on the affected release without the
 * quirk layer (the bug must show) and with it (the Linux result, or the diagnosis). The
 * observation is one line describing what happened.
 */
export interface QuirkScenario extends Scenario<QuirkWorld, string> {
  /** An affected release. */
  readonly personality: PersonalityName | SimulatorPersonality;
  /** Cards idle this long are powered off (only scenarios about power-off set it). */
  readonly idlePowerOffMs?: number;
}
