import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { median } from '../stats';

/** One way of starting Node, timed from spawn to exit. */
export interface StartupResult {
  readonly id: string;
  readonly label: string;
  /** Wall-clock milliseconds of each run. */
  readonly runs: readonly number[];
  readonly median: number;
  /** The median CPU milliseconds (user + system) the started process used. */
  readonly cpuMedian: number;
}

const DIST = process.env.RESILIENT_PCSC_BENCH_DIST ?? path.join(__dirname, '..', '..', 'dist');
const CPU_AT_EXIT = path.join(__dirname, 'cpu-at-exit.cjs');

/** `node -e 0` first: the other rows are read as ratios over it. */
const STARTS: readonly { id: string; label: string; args: readonly string[] }[] = [
  { id: 'node', label: '`node -e 0`', args: ['-e', '0'] },
  { id: 'require', label: "`require('resilient-pcsc')`", args: ['-e', `require(${JSON.stringify(path.join(DIST, 'index.js'))})`] },
  { id: 'module', label: '`node --input-type=module -e 0`', args: ['--input-type=module', '-e', '0'] },
  { id: 'import', label: "`import 'resilient-pcsc'`", args: ['--input-type=module', '-e', `import ${JSON.stringify(path.join(DIST, 'index.mjs'))}`] },
  { id: 'cli-help', label: '`resilient-pcsc --help`', args: [path.join(DIST, 'cli.js'), '--help'] },
];

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timeOnce(args: readonly string[]): Timing {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', CPU_AT_EXIT, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${String(child.stderr)}`);
  return { wallMs, cpuMs: Number(String(child.output[3])) / 1000 };
}

/**
 * Starts Node `runs` times for each row, the rows taking turns so that a change in the machine's
 * load falls on all of them alike, as hyperfine would compare commands; the median of each.
 */
export function measureStartup(runs: number): StartupResult[] {
  const timings = new Map<string, Timing[]>(STARTS.map(({ id }) => [id, []]));
  for (const { args } of STARTS) timeOnce(args); // warm the file cache
  for (let run = 0; run < runs; run++) {
    for (const { id, args } of STARTS) timings.get(id)?.push(timeOnce(args));
  }
  return STARTS.map(({ id, label }) => {
    const measured = timings.get(id) ?? [];
    const wall = measured.map((timing) => timing.wallMs);
    return { id, label, runs: wall, median: median(wall), cpuMedian: median(measured.map((timing) => timing.cpuMs)) };
  });
}
