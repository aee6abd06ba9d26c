import type { CardPlacement } from './card/bench-card';
import type { SoakResult } from './soak';
import type { StartupResult } from './startup/measure-startup';
import { median } from './stats';

export interface ClientResult {
  readonly id: string;
  readonly label: string;
  readonly rounds: readonly number[];
  readonly median: number;
}

export interface Check {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly met: boolean;
}

export interface BenchReport {
  readonly count: number;
  readonly rounds: number;
  /** Where the card behind pcscd ran. */
  readonly card: CardPlacement;
  readonly clients: readonly ClientResult[];
  readonly checks: readonly Check[];
  readonly soaks: readonly SoakResult[];
  /** Node started with and without the library, when measured. */
  readonly startup: readonly StartupResult[];
}

export function clientResult(id: string, label: string, rounds: readonly number[]): ClientResult {
  return { id, label, rounds, median: median(rounds) };
}

interface Rule {
  name: string;
  top: string;
  bottom?: string;
  min?: number;
  max?: number;
}

const RULES: readonly Rule[] = [
  // The default driver on Linux against a blocking C client and the npm binding.
  { name: 'library (pcscd) / PySCard', top: 'library-pcscd', bottom: 'pyscard', min: 0.9 },
  { name: 'library (pcscd) / raw pcsclite', top: 'library-pcscd', bottom: 'raw-pcsclite', min: 1.3 },
  { name: 'guard on / off (pcscd)', top: 'guard-pcscd', bottom: 'library-pcscd', min: 0.6 },
  { name: 'two readers / one reader (pcscd)', top: 'two-readers-pcscd', bottom: 'library-pcscd', min: 1.8 },
  { name: 'library (winscard) / winscard driver', top: 'library-winscard', bottom: 'raw-winscard' },
  { name: 'library (winscard) / PySCard', top: 'library-winscard', bottom: 'pyscard' },
  { name: 'guard on / off (winscard)', top: 'guard-winscard', bottom: 'library-winscard' },
  // Every card handle has a PC/SC context of its own, so two cards run in parallel as on 'pcscd'.
  { name: 'two readers / one reader (winscard)', top: 'two-readers-winscard', bottom: 'library-winscard', min: 1.3 },
  { name: 'two readers, winscard / pcscd', top: 'two-readers-winscard', bottom: 'two-readers-pcscd' },
  { name: 'library (pcsclite) / raw pcsclite', top: 'library-pcsclite', bottom: 'raw-pcsclite' },
  { name: 'guard (pcsclite) / raw pcsclite', top: 'guard-pcsclite', bottom: 'raw-pcsclite', min: 0.55 },
  { name: 'two readers / one reader (pcsclite)', top: 'two-readers-pcsclite', bottom: 'library-pcsclite' },
  { name: 'library (smartcard) / raw smartcard', top: 'library-smartcard', bottom: 'raw-smartcard' },
  { name: 'guard (smartcard) / raw smartcard', top: 'guard-smartcard', bottom: 'raw-smartcard', min: 0.55 },
  // What a non-blocking Node client can reach: the bindings run SCardTransmit on libuv's thread pool.
  { name: 'raw pcsclite / PySCard', top: 'raw-pcsclite', bottom: 'pyscard' },
  { name: 'raw smartcard / PySCard', top: 'raw-smartcard', bottom: 'pyscard' },
  { name: 'winscard driver / PySCard', top: 'raw-winscard', bottom: 'pyscard' },
  // Independent commands in one round trip: card.transmitBatch() against blocking sequential loops.
  { name: 'batch of 16 (pcscd) / PySCard', top: 'batch-pcscd', bottom: 'pyscard', min: 1.5 },
  { name: 'batch of 16 (pcscd) / C loop', top: 'batch-pcscd', bottom: 'c-loop' },
  { name: 'batch of 16 / one by one (pcscd)', top: 'batch-pcscd', bottom: 'library-pcscd' },
  { name: 'batch of 16 / one by one (winscard, sent one by one)', top: 'batch-winscard', bottom: 'library-winscard' },
  { name: 'C loop / PySCard', top: 'c-loop', bottom: 'pyscard' },
  { name: 'batch of 16 / one by one, through a 2 ms relay (pcscd)', top: 'relay-batch', bottom: 'relay-one-by-one', min: 8 },
  { name: 'worker / in-process (pcscd)', top: 'worker', bottom: 'library-pcscd', min: 0.75 },
  { name: 'simulator APDU/s', top: 'simulator', min: 200_000 },
];

const RSS_LIMIT_MB = 10;

/**
 * Start-up rows, as time over `node -e 0`. The targets halve what the library added before its
 * drivers, worker and CLI commands were loaded lazily (1.36, 1.36 and 1.45 over a 66 ms `node -e 0`).
 */
const STARTUP_RULES: readonly { name: string; id: string; max: number }[] = [
  { name: "require('resilient-pcsc') / node -e 0", id: 'require', max: 1.18 },
  { name: "import 'resilient-pcsc' / node -e 0", id: 'import', max: 1.18 },
  { name: 'resilient-pcsc --help / node -e 0', id: 'cli-help', max: 1.23 },
];

/** Each start-up row's wall-clock and CPU-time ratio over `node -e 0`; the wall-clock ratio has the target. */
export function evaluateStartup(startup: readonly StartupResult[]): Check[] {
  const base = startup.find((row) => row.id === 'node');
  if (!base) return [];
  const checks: Check[] = [];
  for (const rule of STARTUP_RULES) {
    const row = startup.find((candidate) => candidate.id === rule.id);
    if (!row) continue;
    const value = row.median / base.median;
    checks.push({ name: rule.name, value, target: `<= ${rule.max}`, met: value <= rule.max });
    checks.push({ name: `${rule.name}, CPU time`, value: row.cpuMedian / base.cpuMedian, target: '(info)', met: true });
  }
  // Node's ES module loader alone costs part of the import row; this isolates the library's share.
  const moduleBase = startup.find((row) => row.id === 'module');
  const imported = startup.find((row) => row.id === 'import');
  if (moduleBase && imported) {
    checks.push({ name: "import 'resilient-pcsc' / node --input-type=module -e 0", value: imported.median / moduleBase.median, target: '(info)', met: true });
  }
  return checks;
}

export function evaluate(clients: readonly ClientResult[], soaks: readonly SoakResult[]): Check[] {
  const rate = (id: string): number | undefined => clients.find((client) => client.id === id)?.median;
  const checks: Check[] = [];
  for (const rule of RULES) {
    const top = rate(rule.top);
    const bottom = rule.bottom === undefined ? 1 : rate(rule.bottom);
    if (top === undefined || bottom === undefined) continue;
    const value = top / bottom;
    const met = rule.min === undefined || value >= rule.min;
    checks.push({ name: rule.name, value, target: rule.min === undefined ? '(info)' : `>= ${rule.min}`, met });
  }
  for (const soak of soaks) {
    checks.push({
      name: `RSS growth, ${soak.client}, ${soak.apdus} APDUs (MB)`,
      value: soak.growthMb,
      target: `< ${RSS_LIMIT_MB}`,
      met: soak.growthMb < RSS_LIMIT_MB,
    });
  }
  return checks;
}

const CARD_TEXT: Readonly<Record<CardPlacement, string>> = {
  'own-process': 'the cards behind pcscd run in processes of their own',
  'in-process': 'the cards behind pcscd run in the bench process (--card-in-process)',
};

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');
const ratio = (check: Check): string => (check.name.includes('APDU/s') ? whole(check.value) : check.value.toFixed(2));

export function formatMarkdown(report: BenchReport): string {
  const lines = [
    `${report.count} × \`80 34 00 0E 0E\` per round, ${report.rounds} alternating round(s), median APDU/s; ${CARD_TEXT[report.card]}`,
    '',
    '| client | APDU/s (median) | rounds |',
    '| --- | ---: | --- |',
    ...report.clients.map((c) => `| ${c.label} | ${whole(c.median)} | ${c.rounds.map(whole).join(', ')} |`),
    '',
    '| ratio / measure | value | target | met |',
    '| --- | ---: | --- | --- |',
    ...report.checks.map((c) => `| ${c.name} | ${ratio(c)} | ${c.target} | ${c.target === '(info)' ? '' : c.met ? 'yes' : '**no**'} |`),
  ];
  if (report.startup.length > 0) {
    lines.push(
      '',
      `Start-up, ${report.startup[0]?.runs.length ?? 0} runs of each, taking turns, median:`,
      '',
      '| start | wall ms | CPU ms |',
      '| --- | ---: | ---: |',
      ...report.startup.map((row) => `| ${row.label} | ${row.median.toFixed(1)} | ${row.cpuMedian.toFixed(1)} |`),
    );
  }
  return lines.join('\n');
}
