import { formatHex } from '../../apdu/hex';
import { describeAtr } from '../../atr/describe-atr';
import { lookupAtr } from '../../atr/lookup-atr';
import type { ReaderInfo, ReaderState } from '../../core/reader-info';
import { identifyTag } from '../../nfc/tag-kind';

/** A contactless tag's kind and UID, as `scan` shows them. */
export interface TagReport {
  readonly kind: string;
  readonly name: string;
  /** The UID as hex, when the reader gave it (FF CA 00 00 00). */
  readonly uid?: string;
}

/** Reads a UID for `scan` (connects and sends GET DATA); undefined when the reader cannot tell. */
export type UidReader = (reader: string, atr: Uint8Array) => Promise<Uint8Array | undefined>;

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
  /** Contactless tags (a PC/SC Part 3 or ISO 14443-4 ATR): kind and UID. */
  readonly tag?: TagReport;
}

export async function readerReport(reader: ReaderInfo, analyse: boolean, readUid?: UidReader): Promise<ReaderReport> {
  const base = { name: reader.name, state: reader.state };
  if (!reader.atr) return base;
  const atr = formatHex(reader.atr);
  if (!analyse) return { ...base, atr };
  const tag = await tagReport(reader.name, reader.atr, readUid);
  let atrAnalysis: string[] | undefined;
  let atrError: string | undefined;
  try {
    atrAnalysis = describeAtr(reader.atr);
  } catch (error) {
    atrError = error instanceof Error ? error.message : String(error);
  }
  const knownCards = await lookupAtr(reader.atr).catch(() => []);
  return { ...base, atr, ...(tag ? { tag } : {}), ...(atrAnalysis ? { atrAnalysis } : {}), ...(atrError ? { atrError } : {}), knownCards };
}

async function tagReport(reader: string, atr: Uint8Array, readUid: UidReader | undefined): Promise<TagReport | undefined> {
  let identity;
  try {
    identity = identifyTag(atr);
  } catch {
    return undefined;
  }
  if (!identity.storage && identity.kind !== 'iso14443-4') return undefined;
  const uid = await readUid?.(reader, atr).catch(() => undefined);
  // The ISO 14443-4 ATR shape alone could be a contact card's: only a UID from the reader makes it a tag.
  if (!identity.storage && !uid) return undefined;
  return { kind: identity.kind, name: identity.name, ...(uid ? { uid: formatHex(uid, '') } : {}) };
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
  if (report.tag) lines.push(`  Tag: ${report.tag.name}${report.tag.uid ? `, UID ${report.tag.uid}` : ''}`);
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
