import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Library from '../src';
import { startPcscd, stopPcscd } from '../test/harness/pcscd';
import { vpcdReaderName } from '../test/harness/with-harness';
import { VPCD_DEFAULT_PORT } from '../src/testing';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from './apdu';
import { placeCard } from './card/bench-card';

/*
 * Load-independent figures for the worker hop: per APDU, the CPU time and the system calls
 * (strace) of this process and of its worker, for each variant named on the command line.
 * usage (inside test/harness/run-in-namespace.sh): hop-counts.ts [--dist DIR] [--count N] [--no-strace] variant...
 * Variants: worker (pcscd in a worker), library-pcscd, guard-pcsclite, guard-smartcard, library-pcsclite, library-smartcard.
 */

interface Variant {
  readonly id: string;
  readonly options: Library.OpenOptions;
}

const VARIANTS: readonly Variant[] = [
  { id: 'library-pcscd', options: { driver: 'pcscd' } },
  { id: 'worker', options: { driver: 'pcscd', isolation: 'worker' } },
  { id: 'library-pcsclite', options: { driver: 'pcsclite' } },
  { id: 'guard-pcsclite', options: { driver: 'pcsclite', quirks: { missedResetGuard: true } } },
  { id: 'library-smartcard', options: { driver: 'smartcard' } },
  { id: 'guard-smartcard', options: { driver: 'smartcard', quirks: { missedResetGuard: true } } },
];

function option(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at < 0) return undefined;
  const [, value] = argv.splice(at, 2);
  return value;
}

function measure(pids: readonly number[]): { stop: () => Promise<string> } {
  const child = spawn('strace', ['-c', '-f', ...pids.flatMap((pid) => ['-p', String(pid)])], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<string>((resolve) => child.once('exit', () => resolve(output)));
  return { stop: () => (child.kill('SIGINT'), done) };
}

/** CPU time (user + system, in clock ticks of 10 ms) a process has used so far. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function workerPids(): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'worker-entry'], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep: no worker
  }
}

function stracePerApdu(output: string, count: number): string {
  const calls: string[] = [];
  let total = 0;
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const name = fields[fields.length - 1];
    const callsField = fields.length >= 5 ? Number(fields[3]) : NaN;
    if (!name || name === 'total' || !Number.isFinite(callsField) || !/^[a-z_0-9]+$/.test(name)) continue;
    total += callsField;
    if (callsField / count >= 0.5) calls.push(`${name} ${(callsField / count).toFixed(1)}`);
  }
  return `${(total / count).toFixed(1)} syscalls (${calls.join(', ')})`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dist = path.resolve(option(argv, '--dist') ?? path.join(__dirname, '..', 'dist'));
  const count = Number(option(argv, '--count') ?? 2000);
  // --no-strace: CPU time only (strace slows every system call, which a profile would then show).
  const traced = !argv.includes('--no-strace');
  const library = createRequire(__filename)(path.join(dist, 'index.js')) as typeof Library;
  // --worker-flags '--cpu-prof --cpu-prof-dir=DIR' profiles the worker of the 'worker' variant.
  const workerFlags = option(argv, '--worker-flags')?.split(' ').filter(Boolean);
  const launch = workerFlags ? { entryPath: path.join(dist, 'worker-entry.js'), execArgv: workerFlags } : undefined;
  await startPcscd();
  const card = await placeCard('own-process', VPCD_DEFAULT_PORT);
  const reader = vpcdReaderName(VPCD_DEFAULT_PORT);
  try {
    for (const variant of VARIANTS.filter((candidate) => argv.includes(candidate.id))) {
      const pcsc = await library.Pcsc.open(variant.id === 'worker' && launch ? { ...variant.options, worker: { launch } } : variant.options);
      const connection = await pcsc.connect(reader);
      checkSelectResponse((await connection.transmit(SELECT_APPLET)).bytes, variant.id);
      const loop = async (n: number): Promise<void> => {
        for (let i = 0; i < n; i++) checkTestResponse((await connection.transmit(TEST_COMMAND)).bytes, variant.id);
      };
      await loop(200);
      const pids = [process.pid, ...workerPids()];
      const before = pids.map(cpuTicks);
      await loop(count);
      const cpu = pids.map((pid, i) => `${i === 0 ? 'parent' : 'worker'} ${(((cpuTicks(pid) - (before[i] ?? 0)) * 10_000) / count).toFixed(0)} µs CPU`);
      const figures = [cpu.join(', ')];
      if (traced) {
        const probe = measure(pids);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await loop(count);
        figures.push(stracePerApdu(await probe.stop(), count));
      }
      process.stdout.write(`${variant.id}: per APDU ${figures.join('; ')}\n`);
      await pcsc.close();
      // A shared binding worker stops a moment after its last driver: not to be counted for the next variant.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  } finally {
    await card.remove();
    await stopPcscd();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
