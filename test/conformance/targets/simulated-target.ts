import { Pcsc } from '../../../src/compose/pcsc';
import type { QuirksOption } from '../../../src/quirks/quirk-profile';
import type { PersonalityName, SimulatorPersonality } from '../../../src/simulator';
import { SimulatedPcsc } from '../../../src/simulator';
import type { VirtualCard } from '../../../src/testing/virtual-card';
import type { AppOptions, Bench, ConformanceTarget, Expectation } from './target';

/** The reader the simulator plugs in; pcsc-lite lists it as 'Virtual PCD 00 00', like vpcd's first slot. */
export const SIMULATED_READER = 'Virtual PCD';

export class SimulatedTarget implements ConformanceTarget {
  readonly id: string;
  private apps: Pcsc[] = [];

  constructor(
    private readonly personality: PersonalityName | SimulatorPersonality,
    readonly quirks: QuirksOption,
    readonly expectation: Expectation,
  ) {
    const name = typeof personality === 'string' ? personality : personality.name;
    this.id = `${name}${quirks === 'none' ? '-raw' : '+quirks'}`;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async setUp(card: VirtualCard): Promise<Bench> {
    const sim = new SimulatedPcsc({ personality: this.personality });
    const slot = sim.addReader(SIMULATED_READER);
    slot.insert(card);
    const app = async (options: AppOptions = {}): Promise<Pcsc> => {
      const pcsc = await Pcsc.open({ driver: sim.driver({ forkedChild: options.forkedChild ?? false }), quirks: this.quirks });
      this.apps.push(pcsc);
      return pcsc;
    };
    return {
      reader: slot.name,
      card,
      canFork: true,
      app,
      removeCard: async () => slot.remove(),
    };
  }

  async tearDown(): Promise<void> {
    for (const pcsc of this.apps.splice(0)) await pcsc.close();
  }
}
