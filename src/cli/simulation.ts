import type { PcscDriver } from '../driver/pcsc-driver';
import { SimulatedPcsc, resolvePersonality } from '../simulator';
import { seedTestApplet } from '../testing/sample-cards';
import { ACR122U_READER_NAME, acr122uReader } from '../testing/nfc/acr122-reader';
import { virtualMifareClassic, virtualPhone, virtualType2Tag, virtualType4Tag } from '../testing/nfc/virtual-tag';
import type { VirtualCard } from '../testing/virtual-card';
import { UsageError } from './cli-errors';

/** The reader --simulate offers, holding the sample JavaCard test applet. */
export const SIMULATED_READER = 'Gemalto PC Twin Reader';
/** A second, empty reader, so `scan` shows both states. */
export const SIMULATED_EMPTY_READER = 'Simulated Empty Reader';

/** A simulated PC/SC service with a sample card, for trying the commands without hardware. */
export function simulatedDriver(personalityName: string, tagKind?: string): PcscDriver {
  let personality;
  try {
    personality = resolvePersonality(personalityName as Parameters<typeof resolvePersonality>[0]);
  } catch (error) {
    throw new UsageError(`--personality: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sim = new SimulatedPcsc({ personality });
  sim.addReader(SIMULATED_READER).insert(seedTestApplet());
  sim.addReader(SIMULATED_EMPTY_READER);
  if (tagKind !== undefined) {
    const acr = acr122uReader();
    sim.addReader(ACR122U_READER_NAME, acr.options).insert(simulatedTag(tagKind));
  }
  return sim.driver();
}

/** The tags --simulate-tag offers. */
export const SIMULATED_TAGS: Readonly<Record<string, () => VirtualCard>> = {
  ntag213: () => virtualType2Tag('ntag213'),
  ntag215: () => virtualType2Tag('ntag215'),
  ntag216: () => virtualType2Tag('ntag216'),
  ultralight: () => virtualType2Tag('ultralight'),
  'mifare-classic-1k': () => virtualMifareClassic(),
  'mifare-classic-4k': () => virtualMifareClassic({ size: '4k' }),
  type4: () => virtualType4Tag(),
  phone: () => virtualPhone(),
};

function simulatedTag(kind: string): VirtualCard {
  const make = SIMULATED_TAGS[kind];
  if (!make) throw new UsageError(`--simulate-tag must be one of ${Object.keys(SIMULATED_TAGS).join(', ')}, not "${kind}"`);
  return make();
}
