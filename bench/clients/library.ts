import type { Card, OpenOptions, Pcsc } from '../../src';
import type { VirtualCard } from '../../src/testing';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import { library, testing } from '../built-library';
import type { BenchClient, BenchSession } from './client';
import { timeApdus, timeSequential } from './client';

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
    open: async () => openSession(variant, await library.Pcsc.open(variant.options), [readerName]),
  };
}

/**
 * One Pcsc driving a card in each of `readerNames` at once: every round sends `count` commands to
 * each card, the cards' loops running concurrently, and counts the APDUs of all of them.
 */
export function concurrentReadersClient(readerNames: readonly string[], variant: LibraryVariant): BenchClient {
  return {
    id: variant.id,
    label: variant.label,
    open: async () => openSession(variant, await library.Pcsc.open(variant.options), readerNames),
  };
}

/** The library over the in-memory simulator (no pcscd, no sockets). */
export function simulatorClient(card: VirtualCard): BenchClient {
  return {
    id: 'simulator',
    label: 'this library, simulator (no pcscd)',
    async open(): Promise<BenchSession> {
      const simulated = new testing.SimulatedPcsc({ idlePowerOffMs: false });
      simulated.addReader('Bench Reader').insert(card);
      const variant: LibraryVariant = { id: this.id, label: this.label, options: { driver: simulated.driver() } };
      const pcsc = await library.Pcsc.open(variant.options);
      const [reader] = await pcsc.listReaders();
      return openSession(variant, pcsc, [reader?.name ?? 'Bench Reader 00 00']);
    },
  };
}

async function openSession(variant: LibraryVariant, pcsc: Pcsc, readerNames: readonly string[]): Promise<BenchSession> {
  try {
    const problem = variant.expect?.(pcsc);
    if (problem) throw new Error(`${variant.id}: ${problem}`);
    const cards: Card[] = [];
    for (const readerName of readerNames) {
      const card = await pcsc.connect(readerName);
      cards.push(card);
      checkSelectResponse((await card.transmit(SELECT_APPLET)).bytes, variant.id);
    }
    const loop = (card: Card, count: number): Promise<number> =>
      timeSequential(count, async () => {
        checkTestResponse((await card.transmit(TEST_COMMAND)).bytes, variant.id);
      });
    return {
      run: (count) =>
        cards.length === 1 ? loop(cards[0] as Card, count) : timeApdus(count * cards.length, () => Promise.all(cards.map((card) => loop(card, count)))),
      close: () => pcsc.close(),
    };
  } catch (error) {
    await pcsc.close();
    throw error;
  }
}
