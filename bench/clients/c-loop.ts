import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BenchClient, BenchSession } from './client';

const SOURCE = path.join(__dirname, '..', 'c_bench.c');

/**
 * A C program calling libpcsclite's SCardTransmit in a plain blocking loop (the floor a client on
 * the system library can reach), built with the system compiler when the bench opens it; it times
 * its own loop, so start-up and connect are not counted.
 */
export function cLoopClient(readerName: string): BenchClient {
  return {
    id: 'c-loop',
    label: 'C, libpcsclite SCardTransmit loop',
    async open(): Promise<BenchSession> {
      const binary = path.join(mkdtempSync(path.join(tmpdir(), 'c-bench-')), 'c_bench');
      execFileSync('cc', ['-O2', '-I/usr/include/PCSC', '-o', binary, SOURCE, '-lpcsclite']);
      return { run: (count) => runProgram(binary, readerName, count), close: async () => undefined };
    },
  };
}

function runProgram(binary: string, readerName: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(binary, [readerName, String(count)], (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`c_bench failed: ${stderr.trim() || error.message}`));
        return;
      }
      const parsed = JSON.parse(stdout) as { apduPerSecond?: unknown };
      if (typeof parsed.apduPerSecond !== 'number') {
        reject(new Error(`c_bench printed ${JSON.stringify(stdout)}`));
        return;
      }
      resolve(parsed.apduPerSecond);
    });
  });
}
