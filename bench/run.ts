import { startPcscd, stopPcscd } from '../test/harness/pcscd';
import { vpcdReaderName } from '../test/harness/with-harness';
import { VPCD_DEFAULT_PORT } from '../src/testing';
import { parseArgs, type BenchArgs } from './args';
import { testing } from './built-library';
import { placeCard } from './card/bench-card';
import { allClients } from './clients/all-clients';
import type { BenchClient, BenchSession } from './clients/client';
import { clientResult, evaluate, evaluateStartup, formatMarkdown, type BenchReport } from './report';
import { soak, type SoakResult } from './soak';
import { measureStartup, type StartupResult } from './startup/measure-startup';

const WARM_UP_APDUS = 200;
/** Clients whose RSS is soaked: the simulator (no I/O) and the default real path on Linux. */
const SOAKED = ['simulator', 'library-pcscd'];
/** vpcd's second slot, `Virtual PCD 00 01`, holds the second card of the two-reader rows. */
const SECOND_PORT = VPCD_DEFAULT_PORT + 1;

interface Opened {
  readonly client: BenchClient;
  readonly session: BenchSession;
}

function log(args: BenchArgs, message: string): void {
  if (!args.json) process.stderr.write(`${message}\n`);
}

async function openAll(clients: readonly BenchClient[], args: BenchArgs): Promise<Opened[]> {
  const opened: Opened[] = [];
  for (const client of clients) {
    log(args, `opening ${client.id}`);
    const session = await client.open();
    opened.push({ client, session });
    await session.run(args.quick ? 10 : WARM_UP_APDUS);
  }
  return opened;
}

/** Round r starts at client r, so no client always runs right after the same neighbour. */
async function runRounds(opened: readonly Opened[], args: BenchArgs): Promise<Map<string, number[]>> {
  const rates = new Map<string, number[]>(opened.map(({ client }) => [client.id, []]));
  for (let round = 0; round < args.rounds; round++) {
    for (let i = 0; i < opened.length; i++) {
      const { client, session } = opened[(round + i) % opened.length] as Opened;
      const rate = await session.run(args.count);
      rates.get(client.id)?.push(rate);
      log(args, `round ${round + 1}: ${client.id} ${Math.round(rate)} APDU/s`);
    }
  }
  return rates;
}

/** `--only startup` (or no --only) times Node's start with and without the library. */
const STARTUP_ID = 'startup';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const startupChosen = args.only.length === 0 || args.only.includes(STARTUP_ID);
  let startup: StartupResult[] = [];
  if (startupChosen) {
    log(args, `timing start-up (${args.startupRuns} runs of each)`);
    startup = measureStartup(args.startupRuns);
  }
  if (args.only.length > 0 && args.only.every((id) => id === STARTUP_ID))
    return finish(args, { count: args.count, rounds: args.rounds, card: args.card, clients: [], checks: evaluateStartup(startup), soaks: [], startup });
  await startPcscd();
  log(args, `card behind pcscd: ${args.card}`);
  const realCards = [await placeCard(args.card, VPCD_DEFAULT_PORT), await placeCard(args.card, SECOND_PORT)];
  const simulatedCard = testing.seedTestApplet();
  const localCards = [...realCards.flatMap((card) => card.localCards), simulatedCard];
  const readers = { first: vpcdReaderName(VPCD_DEFAULT_PORT), second: vpcdReaderName(SECOND_PORT) };
  const clients = allClients(readers, simulatedCard).filter((client) => args.only.length === 0 || args.only.includes(client.id));
  if (clients.length === 0) throw new Error(`--only matched no client`);
  const opened = await openAll(clients, args);
  const rates = await runRounds(opened, args);
  const soaks: SoakResult[] = [];
  for (const { client, session } of opened.filter(({ client }) => SOAKED.includes(client.id))) {
    log(args, `soaking ${client.id} with ${args.soakApdus} APDUs`);
    soaks.push(await soak(client.id, session, args.soakApdus, localCards));
  }
  for (const { session } of opened) await session.close();
  for (const card of realCards) await card.remove();
  await stopPcscd();

  const results = opened.map(({ client }) => clientResult(client.id, client.label, rates.get(client.id) ?? []));
  const checks = [...evaluate(results, soaks), ...evaluateStartup(startup)];
  return finish(args, { count: args.count, rounds: args.rounds, card: args.card, clients: results, checks, soaks, startup });
}

function finish(args: BenchArgs, report: BenchReport): number {
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatMarkdown(report)}\n`);
  const missed = report.checks.filter((check) => !check.met);
  return args.checkTargets && missed.length > 0 ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
