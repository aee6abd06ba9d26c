import { Pcsc } from '../../../src';
import { NfcTag, type NfcTagOptions } from '../../../src/nfc';
import { SimulatedPcsc, type VirtualCard, type SimulatedReaderOptions } from '../../../src/testing';

/** A simulator with one reader holding `card`, connected; `close` ends it. */
export async function simulatedTag(
  card: VirtualCard,
  readerName = 'ACS ACR122U PICC Interface',
  options: NfcTagOptions = {},
  readerOptions: SimulatedReaderOptions = {},
): Promise<{ tag: NfcTag; pcsc: Pcsc; sim: SimulatedPcsc; close: () => Promise<void> }> {
  const sim = new SimulatedPcsc();
  sim.addReader(readerName, readerOptions).insert(card);
  const pcsc = await Pcsc.open({ driver: sim.driver() });
  const [reader] = await pcsc.listReaders();
  if (!reader?.atr) throw new Error('no card in the simulated reader');
  const connection = await pcsc.connect(reader.name);
  const tag = new NfcTag(connection, reader.atr, options);
  return { tag, pcsc, sim, close: () => pcsc.close() };
}
