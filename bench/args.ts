import type { CardPlacement } from './card/bench-card';

export interface BenchArgs {
  readonly count: number;
  readonly rounds: number;
  readonly soakApdus: number;
  readonly json: boolean;
  readonly quick: boolean;
  /** Exit with status 2 when a target is missed. */
  readonly checkTargets: boolean;
  /** Client ids to run (all when empty). */
  readonly only: readonly string[];
  /** Where the cards behind pcscd run: processes of their own (default) or this one (--card-in-process). */
  readonly card: CardPlacement;
  /** How many times Node is started for each start-up row. */
  readonly startupRuns: number;
}

const USAGE =
  'usage: bench/run.ts [--quick] [--json] [--check-targets] [--card-in-process] [--count N] [--rounds N] [--soak N] [--startup-runs N] [--only id,id]';

function positive(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive integer.\n${USAGE}`);
  return parsed;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const quick = argv.includes('--quick');
  // Short rounds and many of them: on a busy machine the load shifts over seconds, and more
  // alternations spread it more evenly over the clients whose medians are compared.
  let count = quick ? 50 : 2000;
  let rounds = quick ? 1 : 11;
  let soakApdus = quick ? 1000 : 200_000;
  let startupRuns = quick ? 5 : 31;
  let only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--count') count = positive(flag, argv[++i]);
    else if (flag === '--rounds') rounds = positive(flag, argv[++i]);
    else if (flag === '--soak') soakApdus = positive(flag, argv[++i]);
    else if (flag === '--startup-runs') startupRuns = positive(flag, argv[++i]);
    else if (flag === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (!['--quick', '--json', '--check-targets', '--card-in-process'].includes(flag ?? '')) throw new Error(`Unknown option ${flag}.\n${USAGE}`);
  }
  const card = argv.includes('--card-in-process') ? 'in-process' : 'own-process';
  return { count, rounds, soakApdus, json: argv.includes('--json'), quick, checkTargets: argv.includes('--check-targets'), only, card, startupRuns };
}
