/**
 * Many readers on a real pcscd (`npm run bench:readers`, `-- --quick` for a short run): Debian's
 * pcscd 1.9.9 with 16 vpcd readers, then pcsc-lite 2.5 with 40. Prints listing and event figures,
 * aggregate APDU/s for 1-16 readers from one Node process against PySCard (threads of one process,
 * and a process per reader), and memory and pcscd threads per connected card.
 */
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { runningPid, startPcscd, stopPcscd } from '../../test/harness/pcscd';
import { READER_BANK_PORTS, vpcdReaderBank, type ReaderBank } from '../../test/harness/reader-bank';
import { library } from '../built-library';
import { startRemoteCard } from '../card/remote-card';
import { measureArrivals, type ArrivalFigures } from './arrivals';
import { connectAll, nodeRate, pyscardProcessesRate, pyscardThreadsRate, type RateOf } from './throughput';

const ROOT = path.join(__dirname, '..', '..');
const PCSCD_2_5 = path.join(process.env.RESILIENT_PCSC_LITE_BUILDS ?? path.join(ROOT, 'node_modules', '.cache', 'pcsc-lite'), 'protocol-4.6', 'pcscd');
const DEBIAN_READERS = 16;
const LARGE_READERS = 40;
const READER_COUNTS = [1, 2, 4, 8, 16];
const CLIENTS: ReadonlyArray<readonly [string, RateOf]> = [
  ['node', nodeRate],
  ['pyscard-threads', pyscardThreadsRate],
  ['pyscard-processes', pyscardProcessesRate],
];

interface Args {
  readonly quick: boolean;
  readonly json: boolean;
}

const log = (message: string): void => void process.stderr.write(`${message}\n`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Median aggregate APDU/s per client and reader count; round r starts with client r. */
async function rates(bank: ReaderBank, args: Args): Promise<Map<string, Map<number, number>>> {
  const rounds = args.quick ? 1 : 3;
  const found = new Map(CLIENTS.map(([id]) => [id, new Map<number, number[]>()]));
  for (const count of READER_COUNTS) {
    const readers = bank.ports.slice(0, count).map((port) => bank.readerName(port));
    // Each run sends about the same number of commands in all, so every row takes a similar time.
    const perCard = Math.max(args.quick ? 20 : 200, Math.round((args.quick ? 200 : 3000) / count));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < CLIENTS.length; i++) {
        const [id, rateOf] = CLIENTS[(round + i) % CLIENTS.length] as (typeof CLIENTS)[number];
        const rate = await rateOf(readers, perCard);
        const perCount = found.get(id) as Map<number, number[]>;
        perCount.set(count, [...(perCount.get(count) ?? []), rate]);
        log(`${count} readers, round ${round + 1}: ${id} ${Math.round(rate)} APDU/s`);
      }
    }
  }
  return new Map([...found].map(([id, perCount]) => [id, new Map([...perCount].map(([count, values]) => [count, median(values)]))]));
}

interface PerCard {
  readonly rssKiB: number;
  readonly pcscdThreads: number;
}

/** RSS of this process and pcscd's threads, before and after connecting a card in every reader. */
async function perCardCost(bank: ReaderBank): Promise<PerCard> {
  const pcsc = await library.Pcsc.open({ driver: 'pcscd' });
  try {
    await pcsc.listReaders();
    const tasks = (): number => readdirSync(`/proc/${runningPid()}/task`).length;
    const before = { rss: process.memoryUsage().rss, threads: tasks() };
    const cards = await connectAll(
      pcsc,
      bank.ports.map((port) => bank.readerName(port)),
    );
    const after = { rss: process.memoryUsage().rss, threads: tasks() };
    await Promise.all(cards.map((card) => card.disconnect()));
    return { rssKiB: (after.rss - before.rss) / 1024 / cards.length, pcscdThreads: (after.threads - before.threads) / cards.length };
  } finally {
    await pcsc.close();
  }
}

async function withPcscd<T>(pcscdPath: string | undefined, bank: ReaderBank, work: () => Promise<T>): Promise<T> {
  await startPcscd({ ...(pcscdPath ? { pcscdPath } : {}), readers: { config: bank.configDir } });
  try {
    return await work();
  } finally {
    await stopPcscd('SIGTERM');
  }
}

function arrivalRow(label: string, figures: ArrivalFigures): string {
  return `| ${label} | ${figures.readers} | ${figures.listMs.toFixed(2)} | ${figures.lastArrivalToEventMs.toFixed(0)} | ${figures.lastArrivalToAllEventsMs.toFixed(0)} | ${figures.insertedOncePerReader ? 'yes' : 'NO'} |`;
}

async function main(): Promise<number> {
  const args: Args = { quick: process.argv.includes('--quick'), json: process.argv.includes('--json') };
  if (!existsSync(PCSCD_2_5)) throw new Error(`No pcscd 2.5 at ${PCSCD_2_5}: bash test/harness/build-pcsc-lite.sh 2.5.1 ${path.dirname(PCSCD_2_5)}`);
  const loadBefore = loadavg();
  const debianBank = vpcdReaderBank(DEBIAN_READERS, READER_BANK_PORTS.benchDebianLimit);
  const largeBank = vpcdReaderBank(LARGE_READERS, READER_BANK_PORTS.benchGrownTable);
  try {
    const debian = await withPcscd(undefined, debianBank, async () => {
      const arrivals = await measureArrivals(debianBank);
      log(`pcscd 1.9.9: ${JSON.stringify(arrivals)}`);
      // Four card processes of four cards each: sixteen Node processes starting at once on two cores
      // take longer than a card's start may.
      const cards = await Promise.all([0, 4, 8, 12].map((first) => startRemoteCard(debianBank.ports.slice(first, first + 4))));
      try {
        const cost = await perCardCost(debianBank);
        log(`per card: ${JSON.stringify(cost)}`);
        return { arrivals, cost, rates: await rates(debianBank, args) };
      } finally {
        await Promise.all(cards.map((card) => card.stop()));
      }
    });
    const large = await withPcscd(PCSCD_2_5, largeBank, () => measureArrivals(largeBank));
    log(`pcscd 2.5: ${JSON.stringify(large)}`);
    const loadAfter = loadavg();
    if (args.json) {
      const json = {
        debian: { ...debian, rates: Object.fromEntries([...debian.rates].map(([id, m]) => [id, Object.fromEntries(m)])) },
        large,
        loadBefore,
        loadAfter,
      };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const lines = [
        `Machine load (1/5/15 min): ${loadBefore.map((v) => v.toFixed(2)).join(' / ')} before, ${loadAfter.map((v) => v.toFixed(2)).join(' / ')} after.`,
        '',
        '| pcscd | readers | listReaders (ms, median) | last arrival -> its event (ms) | last arrival -> all events (ms) | each card-inserted once |',
        '|---|---|---|---|---|---|',
        arrivalRow('1.9.9 (Debian 12)', debian.arrivals),
        arrivalRow('2.5.1', large),
        '',
        "| readers | this library, one process ('pcscd') | PySCard, threads of one process | PySCard, a process per reader | library / PySCard threads | library / PySCard processes |",
        '|---|---|---|---|---|---|',
        ...READER_COUNTS.map((count) => {
          const [node, threads, processes] = CLIENTS.map(([id]) => debian.rates.get(id)?.get(count) ?? NaN) as [number, number, number];
          return `| ${count} | ${node.toFixed(0)} | ${threads.toFixed(0)} | ${processes.toFixed(0)} | ${(node / threads).toFixed(2)} | ${(node / processes).toFixed(2)} |`;
        }),
        '',
        `Per connected card (16 cards, one Pcsc on 'pcscd'): RSS +${debian.cost.rssKiB.toFixed(0)} KiB in the Node process, ${debian.cost.pcscdThreads.toFixed(2)} pcscd threads.`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    const exact = debian.arrivals.insertedOncePerReader && large.insertedOncePerReader;
    return exact ? 0 : 1;
  } finally {
    debianBank.remove();
    largeBank.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
