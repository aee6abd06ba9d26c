import { Pcsc, type OpenOptions } from '../../src';
import { SimulatedPcsc, type VirtualCard } from '../../src/testing';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import type { BenchClient, BenchSession } from './client';
import { timeSequential } from './client';

export interface LibraryVariant {
  readonly id: string;
  readonly label: string;
  readonly options: OpenOptions;
  /** Fails the run when the variant did not get what it asked for (e.g. the guard stayed off). */
  readonly expect?: (pcsc: Pcsc) => string | undefined;
}

/** Sessions through this library's public API: Pcsc.open, connect, Card.transmit. */
export function libraryClient(readerName: string, variant: LibraryVariant): BenchClient {
  return {
    id: variant.id,
    label: variant.label,
    open: async () => openSession(variant, await Pcsc.open(variant.options), readerName),
  };
}

/** The library over the in-memory simulator (no pcscd, no sockets). */
export function simulatorClient(card: VirtualCard): BenchClient {
  return {
    id: 'simulator',
    label: 'this library, simulator (no pcscd)',
    async open(): Promise<BenchSession> {
      const simulated = new SimulatedPcsc({ idlePowerOffMs: false });
      simulated.addReader('Bench Reader').insert(card);
      const variant: LibraryVariant = { id: this.id, label: this.label, options: { driver: simulated.driver() } };
      const pcsc = await Pcsc.open(variant.options);
      const [reader] = await pcsc.listReaders();
      return openSession(variant, pcsc, reader?.name ?? 'Bench Reader 00 00');
    },
  };
}

async function openSession(variant: LibraryVariant, pcsc: Pcsc, readerName: string): Promise<BenchSession> {
  try {
    const problem = variant.expect?.(pcsc);
    if (problem) throw new Error(`${variant.id}: ${problem}`);
    const card = await pcsc.connect(readerName);
    checkSelectResponse((await card.transmit(SELECT_APPLET)).bytes, variant.id);
    return {
      run: (count) =>
        timeSequential(count, async () => {
          checkTestResponse((await card.transmit(TEST_COMMAND)).bytes, variant.id);
        }),
      close: () => pcsc.close(),
    };
  } catch (error) {
    await pcsc.close();
    throw error;
  }
}
