import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { BenchClient, BenchSession } from './client';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', 'pyscard_bench.py');

/**
 * PySCard's `reader.createConnection().transmit()` in a Python subprocess per round; the script
 * times its own loop, so interpreter start-up and connect are not counted.
 */
export function pyscardClient(readerName: string): BenchClient {
  return {
    id: 'pyscard',
    label: 'PySCard (python3 subprocess)',
    async open(): Promise<BenchSession> {
      return {
        run: (count) => runScript(readerName, count),
        close: async () => undefined,
      };
    },
  };
}

function runScript(readerName: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, readerName, String(count)], (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`pyscard_bench.py failed: ${stderr.trim() || error.message}`));
        return;
      }
      try {
        const parsed = JSON.parse(stdout) as { apduPerSecond?: unknown };
        if (typeof parsed.apduPerSecond !== 'number') throw new Error('no apduPerSecond');
        resolve(parsed.apduPerSecond);
      } catch (cause) {
        reject(new Error(`pyscard_bench.py printed ${JSON.stringify(stdout)}`, { cause }));
      }
    });
  });
}
