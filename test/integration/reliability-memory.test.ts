/**
 * Memory over many Pcsc.open() / listReaders() / close() cycles on the 'pcscd' driver, measured in a
 * process of its own after a full garbage collection at each sample. Memory the library keeps per
 * cycle (a buffer, a socket) grows in every window of cycles alike; warming up grows the first only.
 * So the growth over a later window is compared with a bound far above the measured noise (external
 * memory moves by about 40 KB between samples; a 16 KB socket buffer kept per cycle adds 8 MB per
 * 500 cycles).
 *
 * What RSS does (measured with Node 20, 30,000 cycles): it rises from about 45 to 91 MB within the
 * first 3,000 cycles and then stays within a megabyte, while external memory stays at 1.7 MB and
 * array buffers at 0. The rise is V8 sizing its heap for the allocation rate: the young generation
 * grows from 2 to its 32 MB cap (heapTotal 6 -> 47 MB with heapUsed at 5 MB after collection), which
 * node's --max-semi-space-size=1 holds at 2 MB (RSS then stays at 64-68 MB). glibc's allocator
 * plays no part (MALLOC_ARENA_MAX=2 changes nothing). `RESILIENT_PCSC_SOAK=1` runs 10,000 cycles and
 * also checks that RSS has stopped growing over the last 5,000.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { withHarness } from '../harness/with-harness';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'open-list-close-memory.ts');
const SOAK = process.env.RESILIENT_PCSC_SOAK === '1';
/** Cycles per window; the first window is warm-up, the last is the one checked. */
const WINDOW = SOAK ? 5000 : 500;
const CYCLES = 2 * WINDOW + (SOAK ? 0 : WINDOW);
const SAMPLE_EVERY = SOAK ? 1000 : 250;
/** Half a kilobyte per cycle over the window: six times the noise of external memory. */
const OUTSIDE_HEAP_GROWTH_BOUND = WINDOW * 512;
/** After warm-up RSS moved by at most 4 MB between samples; 1.7 KB per cycle would pass 8 MB. */
const SOAK_RSS_GROWTH_BOUND = 12 * 1024 * 1024;

withHarness();
jest.setTimeout(SOAK ? 3_600_000 : 300_000);

interface Sample {
  readonly cycles: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

function cycle(): Promise<{ readonly code: number | null; readonly samples: Sample[]; readonly stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', FIXTURE, 'pcscd', String(CYCLES), String(SAMPLE_EVERY)], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('close', (code) => {
      const samples = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Sample);
      resolve({ code, samples, stderr });
    });
  });
}

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

function at(samples: readonly Sample[], cycles: number): Sample {
  const found = samples.find((sample) => sample.cycles === cycles);
  if (!found) throw new Error(`no sample after ${cycles} cycles`);
  return found;
}

it(`${CYCLES} open/listReaders/close cycles on 'pcscd': memory outside the JS heap does not grow per cycle`, async () => {
  const run = await cycle();
  expect(run).toMatchObject({ code: 0, stderr: '' });
  console.log(
    `memory over ${CYCLES} cycles ('pcscd', after GC; MB):\n` +
      run.samples
        .map(
          (s) =>
            `  ${s.cycles}: rss ${mb(s.rss)}, heapUsed ${mb(s.heapUsed)}, heapTotal ${mb(s.heapTotal)}, external ${mb(s.external)}, arrayBuffers ${mb(s.arrayBuffers)}`,
        )
        .join('\n'),
  );
  const start = at(run.samples, CYCLES - 2 * WINDOW);
  const middle = at(run.samples, CYCLES - WINDOW);
  const end = at(run.samples, CYCLES);
  const growth = (field: keyof Sample, from: Sample, to: Sample): number => to[field] - from[field];
  console.log(
    `growth over cycles ${start.cycles}-${middle.cycles} / ${middle.cycles}-${end.cycles}: ` +
      `external ${growth('external', start, middle)} / ${growth('external', middle, end)} bytes, ` +
      `arrayBuffers ${growth('arrayBuffers', start, middle)} / ${growth('arrayBuffers', middle, end)} bytes, ` +
      `rss ${mb(growth('rss', start, middle))} / ${mb(growth('rss', middle, end))} MB`,
  );
  expect(growth('external', middle, end)).toBeLessThan(OUTSIDE_HEAP_GROWTH_BOUND);
  expect(growth('arrayBuffers', middle, end)).toBeLessThan(OUTSIDE_HEAP_GROWTH_BOUND);
  if (SOAK) expect(growth('rss', middle, end)).toBeLessThan(SOAK_RSS_GROWTH_BOUND);
});
