import type { ReaderInfo } from '../../core/reader-info';
import { UsageError, errorJson } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { EXIT_NO_READER_OR_CARD, EXIT_OK } from '../exit-codes';
import { stringValue } from '../global-options';
import { openPcsc } from '../open-pcsc';
import type { Output } from '../output';
import { cardLines, readerReport } from '../scan/reader-report';
import { watchReaders, type WatchEvent } from '../scan/reader-watcher';

export const SCAN_OPTIONS = {
  once: { type: 'boolean' },
  timeout: { type: 'string', short: 't' },
  brief: { type: 'boolean', short: 'n' },
  interval: { type: 'string' },
} as const;

const DEFAULT_INTERVAL_MS = 250;

/** `scan`: the readers and cards now, then (without --once) every insertion and removal, like pcsc_scan. */
export async function scanCommand(context: CommandContext): Promise<number> {
  const { output, values } = context;
  const analyse = values.brief !== true;
  const timeoutMs = seconds(stringValue(values, 'timeout'), '--timeout');
  const intervalMs = seconds(stringValue(values, 'interval'), '--interval') ?? DEFAULT_INTERVAL_MS / 1000;
  const pcsc = await openPcsc(context.global);
  try {
    const readers = await pcsc.listReaders();
    const reports = await Promise.all(readers.map((reader) => readerReport(reader, analyse)));
    output.document(values.once === true ? { readers: reports } : { event: 'snapshot', time: now(), readers: reports });
    if (readers.length === 0) output.line('No reader found.');
    reports.forEach((report, i) => {
      output.line(`Reader ${i}: ${report.name}`);
      cardLines(report).forEach((line) => output.line(line));
    });
    if (values.once === true) return readers.length === 0 ? EXIT_NO_READER_OR_CARD : EXIT_OK;

    if (!output.json) output.warn('Waiting for reader and card events (Ctrl-C to stop)...');
    const stop = stopSignal(context.signal, timeoutMs === undefined ? undefined : timeoutMs * 1000);
    await watchReaders(pcsc, readers, (event) => report(output, event, analyse), stop, intervalMs * 1000);
    return EXIT_OK;
  } finally {
    await pcsc.close();
  }
}

async function report(output: Output, event: WatchEvent, analyse: boolean): Promise<void> {
  const time = now();
  if (event.type === 'service-lost') {
    output.document({ event: event.type, time, error: errorJson(event.error) });
    output.line(`${clock()} PC/SC service lost: ${event.error instanceof Error ? event.error.message : String(event.error)}`);
    return;
  }
  if (event.type === 'service-restored') {
    output.document({ event: event.type, time });
    output.line(`${clock()} PC/SC service restored`);
    return;
  }
  output.line(`${clock()} ${event.reader.name}: ${event.type.replace('-', ' ')}`);
  if (event.type !== 'card-inserted') {
    output.document({ event: event.type, time, reader: readerSummary(event.reader) });
    return;
  }
  const details = await readerReport(event.reader, analyse);
  output.document({ event: event.type, time, reader: details });
  cardLines(details).slice(1).forEach((line) => output.line(line));
}

function readerSummary(reader: ReaderInfo): { name: string; state: string } {
  return { name: reader.name, state: reader.state };
}

function seconds(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${option} takes a number of seconds, not "${text}"`);
  return value;
}

/** Aborts on the command's signal (Ctrl-C) or after `ms`. */
function stopSignal(signal: AbortSignal, ms: number | undefined): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  if (ms !== undefined) setTimeout(stop, ms).unref();
  return controller.signal;
}

function now(): string {
  return new Date().toISOString();
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
