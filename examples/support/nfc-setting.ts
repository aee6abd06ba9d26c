import { Pcsc } from '../../src';
import { SimulatedPcsc, acr122uReader, type Acr122Reader, type SimulatedReaderSlot, type VirtualCard } from '../../src/testing';

/** The NFC examples' setting: a real reader, or with `--simulate` a simulated ACR122U the example fills with virtual tags. */
export interface NfcSetting {
  readonly pcsc: Pcsc;
  /** With --simulate: presents a tag to the simulated reader (and takes it away after `ms`). */
  present(tag: VirtualCard, ms?: number): void;
  /** With --simulate: the simulated ACR122U's LED/buzzer state. */
  readonly acr: Acr122Reader | undefined;
  readonly simulated: boolean;
}

export async function nfcSetting(argv: readonly string[] = process.argv): Promise<NfcSetting> {
  if (!argv.includes('--simulate')) {
    return { pcsc: await Pcsc.open(), present: () => undefined, acr: undefined, simulated: false };
  }
  const sim = new SimulatedPcsc();
  const acr = acr122uReader();
  const slot: SimulatedReaderSlot = sim.addReader(acr.name, acr.options);
  const pcsc = await Pcsc.open({ driver: sim.driver() });
  return {
    pcsc,
    acr,
    simulated: true,
    present(tag, ms) {
      slot.insert(tag);
      if (ms !== undefined) setTimeout(() => slot.remove(), ms);
    },
  };
}
