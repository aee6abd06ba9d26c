import { readFileSync, readdirSync } from 'node:fs';

/** The PC/SC worker processes this process started (children running the worker entry). */
export function workerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('worker-entry')) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/**
 * Waits until no PC/SC worker process of this process is left: a worker outlives its last
 * context by a second, and a test that must start from a fresh worker (or freeze the one it
 * started) waits that out first.
 */
export async function noWorkerProcesses(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (workerPids().length > 0) {
    if (Date.now() > deadline) throw new Error(`worker processes still running after ${timeoutMs} ms: ${workerPids().join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
