import type { ReaderInfo } from '../../core/reader-info';
import { UsageError, errorJson } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { EXIT_NO_READER_OR_CARD, EXIT_OK } from '../exit-codes';
import { stringValue } from '../global-options';
import { openPcsc } from '../open-pcsc';
import type { Output } from '../output';
import { cardLines, readerReport, type UidReader } from '../scan/reader-report';
import type { Pcsc } from '../../compose/pcsc';
import { NfcTag } from '../../nfc/nfc-tag';
import { subscribeToReaders, type WatchEvent } from '../scan/reader-watcher';
import { adviceFor, serviceAdvice } from '../service-advice';
import { NoServiceError } from '../../errors/pcsc-error';

export const SCAN_OPTIONS = {
  once: { type: 'boolean' },
  timeout: { type: 'string', short: 't' },
  brief: { type: 'boolean', short: 'n' },
} as const;

/** `scan`: the readers and cards now, then (without --once) every insertion and removal, like pcsc_scan. */
export async function scanCommand(context: CommandContext): Promise<number> {
  const { output, values } = context;
  const analyse = values.brief !== true;
  const timeoutMs = seconds(stringValue(values, 'timeout'), '--timeout');
  const follow = values.once !== true;
  const pcsc = await openPcsc(context.global);
  try {
    const stop = stopSignal(context.signal, timeoutMs === undefined ? undefined : timeoutMs * 1000);
    const watch = follow ? subscribeToReaders(pcsc, stop) : undefined;
    let readers: ReaderInfo[] = [];
    let serviceDown: NoServiceError | undefined;
    try {
      readers = await pcsc.listReaders();
    } catch (error) {
      // Following waits for the service to come back; a one-time listing cannot.
      if (!(error instanceof NoServiceError) || !watch) throw error;
      serviceDown = error;
    }
    const readUid = analyse ? uidReader(pcsc) : undefined;
    const reports = await Promise.all(readers.map((reader) => readerReport(reader, analyse, readUid)));
    output.document(values.once === true ? { readers: reports } : { event: 'snapshot', time: now(), readers: reports });
    if (serviceDown) output.line(`PC/SC service not running: ${serviceDown.message} ${serviceAdvice()}`);
    else if (readers.length === 0) output.line('No reader found.');
    reports.forEach((report, i) => {
      output.line(`Reader ${i}: ${report.name}`);
      cardLines(report).forEach((line) => output.line(line));
    });
    if (!watch) return readers.length === 0 ? EXIT_NO_READER_OR_CARD : EXIT_OK;

    if (!output.json) output.warn(serviceDown ? 'Waiting for the PC/SC service (Ctrl-C to stop)...' : 'Waiting for reader and card events (Ctrl-C to stop)...');
    let lost: unknown = serviceDown;
    await watch((event) => {
      if (event.type === 'service-lost') lost = event.error ?? true;
      if (event.type === 'service-restored') lost = undefined;
      return report(output, event, analyse, readUid);
    });
    // Following a service that never came back is no success (main prints it and exits 1).
    if (lost !== undefined) {
      throw new NoServiceError('the PC/SC service was not running when scan ended.', undefined, { cause: lost });
    }
    return EXIT_OK;
  } finally {
    await pcsc.close();
  }
}

/** Asks the reader for a contactless tag's UID (GET DATA, answered by the reader); nothing else is sent. */
function uidReader(pcsc: Pcsc): UidReader {
  return async (reader, atr) => {
    const card = await pcsc.connect(reader, { share: 'shared' });
    try {
      return await new NfcTag(card, atr).uid();
    } finally {
      await card.disconnect('leave').catch(() => undefined);
    }
  };
}

async function report(output: Output, event: WatchEvent, analyse: boolean, readUid: UidReader | undefined): Promise<void> {
  const time = now();
  if (event.type === 'service-lost') {
    output.document({ event: event.type, time, error: errorJson(event.error) });
    output.line(`${clock()} PC/SC service lost: ${event.error instanceof Error ? event.error.message : String(event.error)}`);
    output.line(adviceFor(event.error) ?? serviceAdvice());
    return;
  }
  if (event.type === 'service-restored') {
    output.document({ event: event.type, time });
    output.line(`${clock()} PC/SC service restored`);
    return;
  }
  output.line(`${clock()} ${event.reader.name}: ${event.type.replace('-', ' ')}`);
  if (event.type === 'reader-detached') {
    output.document({ event: event.type, time, reader: { name: event.reader.name } });
    return;
  }
  if (event.type !== 'card-inserted') {
    output.document({ event: event.type, time, reader: readerSummary(event.reader) });
    return;
  }
  const details = await readerReport(event.reader, analyse, readUid);
  output.document({ event: event.type, time, reader: details });
  cardLines(details)
    .slice(1)
    .forEach((line) => output.line(line));
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
