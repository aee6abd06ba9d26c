import { Pcsc } from '../../src';
import { SimulatedPcsc, seedTestApplet, type PersonalityName } from '../../src/testing';

/** `--simulate [--personality darwin-15]` runs on the built-in simulator; otherwise the real PC/SC service. */
export interface Setting {
  open(options?: { forkedChild?: boolean }): Promise<Pcsc>;
}

export function settingFromArguments(argv: readonly string[] = process.argv): Setting {
  if (!argv.includes('--simulate')) return { open: () => Pcsc.open() };
  const index = argv.indexOf('--personality');
  const personality = (index >= 0 ? argv[index + 1] : 'linux') as PersonalityName;
  const sim = new SimulatedPcsc({ personality });
  sim.addReader('Gemalto PC Twin Reader').insert(seedTestApplet());
  return { open: (options = {}) => Pcsc.open({ driver: sim.driver({ forkedChild: options.forkedChild ?? false }) }) };
}

export async function firstReader(pcsc: Pcsc): Promise<string> {
  const reader = (await pcsc.listReaders())[0];
  if (!reader) throw new Error('No reader found');
  console.log(`Using: ${reader.name}`);
  return reader.name;
}
