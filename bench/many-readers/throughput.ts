import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Card, Pcsc } from '../../src';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import { library } from '../built-library';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', 'pyscard_readers_bench.py');

/** Aggregate APDUs per second of `count` test commands to each of `readers`, all at once. */
export type RateOf = (readers: readonly string[], count: number) => Promise<number>;

/** One Node process, one Pcsc on 'pcscd', a card per reader, every card's loop running at once. */
export async function nodeRate(readers: readonly string[], count: number): Promise<number> {
  const pcsc = await library.Pcsc.open({ driver: 'pcscd' });
  try {
    const cards = await connectAll(pcsc, readers);
    const loop = async (card: Card, n: number): Promise<void> => {
      for (let i = 0; i < n; i++) checkTestResponse((await card.transmit(TEST_COMMAND)).bytes, 'node');
    };
    await Promise.all(cards.map((card) => loop(card, 20)));
    const started = performance.now();
    await Promise.all(cards.map((card) => loop(card, count)));
    return (count * cards.length * 1000) / (performance.now() - started);
  } finally {
    await pcsc.close();
  }
}

export async function connectAll(pcsc: Pcsc, readers: readonly string[]): Promise<Card[]> {
  const cards = await Promise.all(readers.map((reader) => pcsc.connect(reader)));
  for (const card of cards) checkSelectResponse((await card.transmit(SELECT_APPLET)).bytes, 'node');
  return cards;
}

/** PySCard, one process, a thread per reader. */
export function pyscardThreadsRate(readers: readonly string[], count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, 'threads', ...readers, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`pyscard threads failed: ${err.trim()}`));
        return;
      }
      resolve((JSON.parse(out) as { apduPerSecond: number }).apduPerSecond);
    });
  });
}

interface Worker {
  readonly ready: Promise<void>;
  readonly done: Promise<{ start: number; end: number }>;
  go(): void;
}

function pyscardWorker(reader: string, count: number): Worker {
  const child = spawn(PYTHON, [SCRIPT, 'worker', reader, String(count)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  let markReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<{ start: number; end: number }>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else resolve(JSON.parse(line) as { start: number; end: number });
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`pyscard worker failed: ${err.trim()}`));
    });
  });
  return { ready: Promise.race([ready, done.then(() => undefined)]), done, go: () => child.stdin.end('go\n') };
}

/** PySCard, a process per reader, all started together; timed from the first start to the last end. */
export async function pyscardProcessesRate(readers: readonly string[], count: number): Promise<number> {
  const workers = readers.map((reader) => pyscardWorker(reader, count));
  await Promise.all(workers.map((worker) => worker.ready));
  for (const worker of workers) worker.go();
  const spans = await Promise.all(workers.map((worker) => worker.done));
  const seconds = Math.max(...spans.map((span) => span.end)) - Math.min(...spans.map((span) => span.start));
  return (count * readers.length) / seconds;
}
