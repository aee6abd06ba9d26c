import { formatHex } from '../../apdu/hex';
import { describeAtr } from '../../atr/describe-atr';
import { lookupAtr } from '../../atr/lookup-atr';
import type { ReaderInfo, ReaderState } from '../../core/reader-info';

/** A reader and its card as `scan` reports them. */
export interface ReaderReport {
  readonly name: string;
  readonly state: ReaderState;
  readonly atr?: string;
  /** describeAtr's lines; absent with --brief or when the ATR cannot be parsed (see atrError). */
  readonly atrAnalysis?: readonly string[];
  readonly atrError?: string;
  /** Card names from pcsc-tools' smartcard_list.txt whose pattern matches the ATR. */
  readonly knownCards?: readonly { readonly pattern: string; readonly descriptions: readonly string[] }[];
}

export async function readerReport(reader: ReaderInfo, analyse: boolean): Promise<ReaderReport> {
  const base = { name: reader.name, state: reader.state };
  if (!reader.atr) return base;
  const atr = formatHex(reader.atr);
  if (!analyse) return { ...base, atr };
  let atrAnalysis: string[] | undefined;
  let atrError: string | undefined;
  try {
    atrAnalysis = describeAtr(reader.atr);
  } catch (error) {
    atrError = error instanceof Error ? error.message : String(error);
  }
  const knownCards = await lookupAtr(reader.atr).catch(() => []);
  return { ...base, atr, ...(atrAnalysis ? { atrAnalysis } : {}), ...(atrError ? { atrError } : {}), knownCards };
}

const STATE_TEXT: Record<ReaderState, string> = {
  empty: 'Card removed',
  present: 'Card inserted',
  'in-use': 'Card inserted, Shared Mode',
  exclusive: 'Card inserted, Exclusive Mode',
  mute: 'Card inserted, Unresponsive card',
  unavailable: 'Reader unavailable',
  unknown: 'Unknown',
};

/** pcsc_scan-style lines for one reader (the caller prints its heading). */
export function cardLines(report: ReaderReport): string[] {
  const lines = [`  Card state: ${STATE_TEXT[report.state]}`];
  if (report.atr === undefined) return lines;
  lines.push(`  ATR: ${report.atr}`);
  if (report.atrError) lines.push(`  ATR not understood: ${report.atrError}`);
  // describeAtr's first line repeats the ATR.
  for (const line of report.atrAnalysis?.slice(1) ?? []) lines.push(`    ${line}`);
  const cards = report.knownCards ?? [];
  if (report.atrAnalysis && cards.length === 0) lines.push('  Unknown card (not in smartcard_list.txt)');
  for (const card of cards) {
    lines.push(`  Possibly identified card (${card.pattern}):`);
    for (const description of card.descriptions) lines.push(`    ${description}`);
  }
  return lines;
}
