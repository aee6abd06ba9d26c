import { formatHex } from '../../apdu/hex';
import type { Card } from '../../core/card';
import type { Pcsc } from '../../compose/pcsc';
import { checkReaderName } from '../../core/reader-name';
import type { Protocol } from '../../core/share-protocol';
import { UsageError, errorJson, exitCodeFor } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { EXIT_OK } from '../exit-codes';
import { stringValue } from '../global-options';
import { openPcsc } from '../open-pcsc';
import { adviceFor } from '../service-advice';
import { readScriptText } from '../read-input';
import { parseArguments, parseScript, type ScriptStep } from '../send/apdu-script';
import { chooseReader } from '../send/choose-reader';
import { commandReport, humanLines, type ExchangeReport } from '../send/exchange-report';

export const SEND_OPTIONS = {
  reader: { type: 'string', short: 'r' },
  file: { type: 'string', short: 'f' },
  protocol: { type: 'string', short: 'p' },
  exclusive: { type: 'boolean' },
  'get-response': { type: 'boolean' },
  'no-get-response': { type: 'boolean' },
} as const;

/** `send`: transmits APDUs from arguments or a scriptor-style script and prints each answer. */
export async function sendCommand(context: CommandContext): Promise<number> {
  const { output, values } = context;
  const steps = await readSteps(context);
  const protocols = protocolOption(stringValue(values, 'protocol'));
  const wantedReader = readerOption(stringValue(values, 'reader'));
  const getResponse = getResponseOption(values);
  const pcsc = await openPcsc(context.global);
  const reports: ExchangeReport[] = [];
  let readerName: string | undefined;
  let protocol: string | undefined;
  try {
    const reader = chooseReader(await pcsc.listReaders(), wantedReader);
    readerName = reader.name;
    const card = await pcsc.connect(reader.name, {
      share: values.exclusive === true ? 'exclusive' : 'shared',
      protocols,
      getResponse,
    });
    protocol = card.protocol;
    output.line(`Reader: ${reader.name}`);
    output.line(`Protocol: ${card.protocol ? card.protocol.replace('T', 'T=') : 'none (direct)'}`);
    for (const run of independentRuns(steps)) {
      const done = await runSteps(pcsc, card, run);
      for (const report of done.reports) {
        reports.push(report);
        humanLines(report).forEach((line) => output.line(line));
      }
      if (done.failure) throw done.failure;
    }
    await card.disconnect('leave');
    output.document({ reader: readerName, protocol, exchanges: reports, ok: true });
    return EXIT_OK;
  } catch (error) {
    output.document({ reader: readerName, protocol, exchanges: reports, ok: false, error: errorJson(error) });
    if (!output.json) output.warn(`Error: ${error instanceof Error ? error.message : String(error)}`);
    const advice = adviceFor(error);
    if (advice && !output.json) output.warn(advice);
    return exitCodeFor(error);
  } finally {
    await pcsc.close();
  }
}

/** --reader: an index, or a name PC/SC can be given (checked before pcscd hears of it). */
function readerOption(value: string | undefined): string | undefined {
  if (value === undefined || /^\d+$/.test(value)) return value;
  try {
    return checkReaderName(value, 'send', '--reader');
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function readSteps(context: CommandContext): Promise<ScriptStep[]> {
  const file = stringValue(context.values, 'file');
  if (file !== undefined && context.positionals.length > 0) throw new UsageError('Give APDUs as arguments or with --file, not both.');
  if (file !== undefined) return parseScript(await readScriptText(file), file === '-' ? 'stdin' : file);
  if (context.positionals.length > 0) return parseArguments(context.positionals);
  if (process.stdin.isTTY) throw new UsageError('send needs APDUs: as arguments, with --file FILE, or on stdin.');
  return parseScript(await readScriptText('-'), 'stdin');
}

/** The library's default (follow 61xx under T=0) unless --get-response or --no-get-response says otherwise. */
function getResponseOption(values: CommandContext['values']): boolean | undefined {
  const on = values['get-response'] === true;
  const off = values['no-get-response'] === true;
  if (on && off) throw new UsageError('Give --get-response or --no-get-response, not both.');
  return on ? true : off ? false : undefined;
}

function protocolOption(value: string | undefined): Protocol[] {
  if (value === undefined) return ['T0', 'T1'];
  const normalized = value.toUpperCase().replace('=', '');
  if (normalized === 'T0' || normalized === 'T1') return [normalized];
  throw new UsageError(`--protocol must be T=0 or T=1, not "${value}"`);
}

type CommandStep = Extract<ScriptStep, { kind: 'command' }>;

/**
 * The script cut at its resets: a script's commands are written before any answer is known, so
 * none can depend on another's answer, and each run between resets goes as one batch.
 */
function independentRuns(steps: readonly ScriptStep[]): Array<readonly CommandStep[] | Extract<ScriptStep, { kind: 'reset' }>> {
  const runs: Array<CommandStep[] | Extract<ScriptStep, { kind: 'reset' }>> = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    if (step.kind === 'reset') runs.push(step);
    else if (Array.isArray(last)) last.push(step);
    else runs.push([step]);
  }
  return runs;
}

/**
 * A reset, or a run of commands through card.transmitBatch(): on the 'pcscd' driver they are
 * written ahead, one round trip for many. The reports of the commands answered before the first
 * failure come back with that failure, where a one-by-one run would have stopped.
 */
async function runSteps(
  pcsc: Pcsc,
  card: Card,
  run: readonly CommandStep[] | Extract<ScriptStep, { kind: 'reset' }>,
): Promise<{ readonly reports: ExchangeReport[]; readonly failure?: Error }> {
  if (!Array.isArray(run)) {
    await card.reconnect({ initialization: 'reset' });
    return { reports: [{ reset: true, atr: formatHex(await currentAtr(pcsc, card)) }] };
  }
  const results = await card.transmitBatch(run.map((step: CommandStep) => step.bytes));
  const reports: ExchangeReport[] = [];
  for (const [index, result] of results.entries()) {
    if (!result.ok) return { reports, failure: result.error };
    reports.push(commandReport((run[index] as CommandStep).bytes, result.response.bytes));
  }
  return { reports };
}

async function currentAtr(pcsc: Pcsc, card: Card): Promise<Uint8Array> {
  if (pcsc.capabilities.status) return (await card.status()).atr;
  const reader = (await pcsc.listReaders()).find((info) => info.name === card.reader);
  return reader?.atr ?? new Uint8Array(0);
}
