import { Pcsc } from '../../../src/compose/pcsc';
import { configure, shutdown } from '../../../src/pyscard';
import { SimulatedPcsc, type PersonalityName, type SimulatedReaderSlot } from '../../../src/simulator';
import type { VirtualCard } from '../../../src/testing';
import { seedCardT0 } from '../../parity/seed-card';
import { COMMAND_BYTES, SELECT_BYTES } from '../../fixtures/seed';

export const READER = 'Gemalto PC Twin Reader';
/** The seed applet's commands as the PySCard facade takes them: lists of numbers. */
export const SELECT = Array.from(SELECT_BYTES);
export const COMMAND = Array.from(COMMAND_BYTES);
export const COUNTING = Array.from({ length: 14 }, (_, i) => i);

export interface SimulatedFacade {
  readonly sim: SimulatedPcsc;
  readonly slot: SimulatedReaderSlot;
  readonly card: VirtualCard;
  /** The reader's listed name ('Gemalto PC Twin Reader 00 00' on Linux). */
  readonly readerName: string;
  /** Another application on the same simulated service (e.g. the exclusive holder of the seed). */
  otherApplication(): Promise<Pcsc>;
}

const opened: Pcsc[] = [];

/** Points the facade at a fresh simulator with the seed's applet (T=0 ATR) in one reader. */
export async function simulatedFacade(personality: PersonalityName = 'linux', insertCard = true): Promise<SimulatedFacade> {
  const sim = new SimulatedPcsc({ personality, idlePowerOffMs: false });
  const slot = sim.addReader(READER);
  const card = seedCardT0();
  if (insertCard) slot.insert(card);
  await configure({ driver: sim.driver() });
  return {
    sim,
    slot,
    card,
    readerName: personality === 'linux' ? `${READER} 00 00` : READER,
    otherApplication: async () => {
      const pcsc = await Pcsc.open({ driver: sim.driver() });
      opened.push(pcsc);
      return pcsc;
    },
  };
}

/** Closes the facade's Pcsc and every other application a test opened. */
export async function closeSimulatedFacade(): Promise<void> {
  await shutdown();
  await Promise.all(opened.splice(0).map((pcsc) => pcsc.close()));
  await configure({});
}
