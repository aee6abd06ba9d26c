import { performance } from 'node:perf_hooks';
import type { ReaderInfo } from '../../src';
import { library, testing } from '../built-library';
import type { ReaderBank } from '../../test/harness/reader-bank';
import { untilListed } from '../../test/harness/reader-bank';

const LISTINGS = 50;

/** Listing and event figures for one pcscd with a card arriving in every reader of `bank` at once. */
export interface ArrivalFigures {
  readonly readers: number;
  /** Median time of one `listReaders()`, ms. */
  readonly listMs: number;
  /** From the last card's power-up (its arrival in pcscd) to its card-inserted event, ms. */
  readonly lastArrivalToEventMs: number;
  /** From the last card's power-up to the last card-inserted event, ms. */
  readonly lastArrivalToAllEventsMs: number;
  /** card-inserted events per reader: each must be exactly 1. */
  readonly insertedOncePerReader: boolean;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function measureArrivals(bank: ReaderBank): Promise<ArrivalFigures> {
  const pcsc = await library.Pcsc.open({ driver: 'pcscd' });
  const names = bank.ports.map((port) => bank.readerName(port));
  try {
    await untilListed(async () => (await pcsc.listReaders()).map((reader) => reader.name), names);
    const listings: number[] = [];
    for (let i = 0; i < LISTINGS; i++) {
      const started = performance.now();
      await pcsc.listReaders();
      listings.push(performance.now() - started);
    }
    const eventAt = new Map<string, number>();
    const counts = new Map<string, number>();
    let allSeen = (): void => undefined;
    const everyReader = new Promise<void>((resolve) => (allSeen = resolve));
    pcsc.on('card-inserted', (reader: ReaderInfo) => {
      eventAt.set(reader.name, eventAt.get(reader.name) ?? performance.now());
      counts.set(reader.name, (counts.get(reader.name) ?? 0) + 1);
      if (names.every((name) => counts.has(name))) allSeen();
    });
    await pcsc.waitForCard({ reader: 'no such reader' }).catch(() => undefined);

    const arrivedAt = new Map<string, number>();
    const attachments = await Promise.all(
      bank.ports.map(async (port) => {
        const attachment = await testing.seedTestApplet().attachToVpcd({ port });
        await attachment.whenActivated();
        arrivedAt.set(bank.readerName(port), performance.now());
        return attachment;
      }),
    );
    await everyReader;
    // A duplicate gets time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [lastReader, lastArrival] = [...arrivedAt].reduce((latest, entry) => (entry[1] > latest[1] ? entry : latest));
    const lastEvent = Math.max(...eventAt.values());
    await Promise.all(attachments.map((attachment) => attachment.remove()));
    return {
      readers: names.length,
      listMs: median(listings),
      lastArrivalToEventMs: (eventAt.get(lastReader) ?? NaN) - lastArrival,
      lastArrivalToAllEventsMs: lastEvent - lastArrival,
      insertedOncePerReader: names.every((name) => counts.get(name) === 1),
    };
  } finally {
    await pcsc.close();
  }
}
