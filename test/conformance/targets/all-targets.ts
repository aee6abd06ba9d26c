import { REAL_DRIVERS } from '../../harness/drivers';
import { RealTarget } from './real-target';
import { SimulatedTarget } from './simulated-target';
import type { ConformanceTarget } from './target';

/**
 * Every run of the suite: (a) the real pcscd through every real driver, (b) simulator linux,
 * (c) darwin-15 behind the quirk layer, (d) darwin-15 without it, which must show the seed's bugs.
 */
export function allTargets(): ConformanceTarget[] {
  return [
    ...REAL_DRIVERS.map((driver) => new RealTarget(driver)),
    new SimulatedTarget('linux', 'auto', 'pcsc-lite'),
    new SimulatedTarget('darwin-15', 'auto', 'quirked'),
    new SimulatedTarget('darwin-15', 'none', 'unpatched'),
  ];
}
