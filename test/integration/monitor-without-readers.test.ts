/**
 * With no reader at all, every wait of the library must still end by its timer and the reader
 * monitor must wait between looks instead of asking the driver again at once. The scenario runs in
 * a child process: a monitor that never yields would starve this process's timers too.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { REAL_DRIVERS } from '../harness/drivers';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'idle-without-readers.ts');
/** Kills a child whose event loop never comes back; the fixture itself needs a few seconds. */
const HANG_LIMIT_MS = 60_000;
/** A monitor that waits makes a handful of calls here; one that spins makes thousands. */
const MAX_STATUS_CHANGE_CALLS = 40;

interface Run {
  readonly exited: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runFixture(driver: string): Promise<Run> {
  return new Promise((resolve) => {
    // node itself (tsx as a loader), so that the guard's SIGKILL reaches the process that hangs.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, driver], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const guard = setTimeout(() => child.kill('SIGKILL'), HANG_LIMIT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ exited: signal === null, code, stdout, stderr });
    });
  });
}

jest.setTimeout(HANG_LIMIT_MS * 2);

beforeAll(() => startPcscd({ readers: 'none' }));
afterAll(() => stopPcscd());

describe.each(REAL_DRIVERS)('a pcscd without readers (%s)', (driver) => {
  let run: Run;
  let report: Record<string, unknown>;

  beforeAll(async () => {
    run = await runFixture(driver);
    const line = run.stdout.trim().split('\n').pop() ?? '';
    report = line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : {};
  });

  it('the scenario ends by itself: the event loop was never starved', () => {
    expect({ exited: run.exited, code: run.code, stderr: run.stderr }).toEqual({ exited: true, code: 0, stderr: '' });
    expect(report.readers).toBe(0);
  });

  it('waitForCard rejects with TimeoutError at its timeout, and at AbortSignal.timeout()', () => {
    expect(report.waitForCardTimeout).toBe('TimeoutError');
    expect(report.waitForCardSignal).not.toBe('resolved');
    expect(report.waitForCardSignal).toEqual(expect.stringContaining('TimeoutError'));
  });

  it('events() yields to timers: the iteration ends when a timer aborts it, with no event seen', () => {
    expect(report.eventsEndedAfterTicks).toBe(3);
    expect(report.events).toBe('');
  });

  it("a 'card-inserted' listener leaves timers running", () => {
    expect(report.listenerThenTimer).toBe('fired');
  });

  it('the monitor waits between looks: a few status-change calls, not a loop', () => {
    expect(report.statusChangeCalls).toEqual(expect.any(Number));
    expect(report.statusChangeCalls).toBeLessThanOrEqual(MAX_STATUS_CHANGE_CALLS);
  });
});
