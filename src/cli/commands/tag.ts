import { formatHex } from '../../apdu/hex';
import type { Pcsc } from '../../compose/pcsc';
import { parseHexBytes } from '../../apdu/hex';
import { NfcTag } from '../../nfc/nfc-tag';
import { identifyTag } from '../../nfc/tag-kind';
import { readNdef, writeNdef } from '../../nfc/ndef-on-tag';
import type { NdefRecord } from '../../nfc/ndef/ndef-record';
import { recordTypeText } from '../../nfc/ndef/ndef-record';
import { decodeSmartPoster, decodeText, decodeUri, mimeRecord, textRecord, uriRecord } from '../../nfc/ndef/well-known';
import { UsageError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { EXIT_OK } from '../exit-codes';
import { stringValue } from '../global-options';
import { openPcsc } from '../open-pcsc';
import { chooseReader } from '../send/choose-reader';
import { dumpClassic, dumpType2, type DumpLine } from '../tag/tag-dump';

export const TAG_OPTIONS = {
  reader: { type: 'string', short: 'r' },
  key: { type: 'string' },
  'key-type': { type: 'string' },
  text: { type: 'string' },
  lang: { type: 'string' },
  uri: { type: 'string' },
  mime: { type: 'string' },
  data: { type: 'string' },
} as const;

const ACTIONS = ['info', 'dump', 'ndef-read', 'ndef-write'] as const;
type Action = (typeof ACTIONS)[number];

/** `tag`: a contactless tag's kind and UID, a memory dump, or its NDEF message read or written. */
export async function tagCommand(context: CommandContext): Promise<number> {
  const action = actionOf(context.positionals);
  const records = action === 'ndef-write' ? recordsToWrite(context.values) : [];
  const pcsc = await openPcsc(context.global);
  try {
    const tag = await connectTag(pcsc, stringValue(context.values, 'reader'));
    const uid = await tag.uid().catch(() => undefined);
    const head = { reader: tag.connection.reader, kind: tag.identity.kind, name: tag.identity.name, ...(uid ? { uid: formatHex(uid, '') } : {}) };
    const { output } = context;
    output.line(`Reader: ${head.reader}`);
    output.line(`Tag: ${head.name}${head.uid ? `, UID ${head.uid}` : ''}`);
    if (action === 'info') {
      const chip = await describeChip(tag);
      output.document({ ...head, ...chip });
      if (chip.chip) output.line(`Chip: ${chip.chip} (${chip.chipSource === 'get-version' ? 'from GET_VERSION' : "from its capability container's size"})`);
    } else if (action === 'dump') {
      const lines = await dump(tag, context.values);
      output.document({ ...head, memory: lines });
      for (const line of lines) output.line(`  ${line.address.padEnd(10)} ${line.bytes ?? `not read: ${line.error ?? ''}`}`);
    } else if (action === 'ndef-read') {
      const found = (await readNdef(tag)).map(describeRecord);
      output.document({ ...head, records: found });
      if (found.length === 0) output.line('No NDEF message (empty).');
      found.forEach((record, i) => output.line(`  Record ${i}: ${record.summary}`));
    } else {
      await writeNdef(tag, records);
      output.document({ ...head, written: records.map(describeRecord) });
      output.line(`Wrote ${records.length} NDEF record(s).`);
    }
    return EXIT_OK;
  } finally {
    await pcsc.close();
  }
}

/** For a Type 2 tag, which NTAG it is and how that was told; nothing for other tags or when neither tells. */
async function describeChip(tag: NfcTag): Promise<{ chip?: string; chipSource?: 'get-version' | 'capability-container' }> {
  const ntag = await tag.ntagModel();
  return ntag ? { chip: ntag.layout.model.toUpperCase(), chipSource: ntag.source } : {};
}

function actionOf(positionals: readonly string[]): Action {
  const [action, ...extra] = positionals;
  if (action === undefined) return 'info';
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`tag takes ${ACTIONS.join(', ')}, not "${action}"`);
  if (extra.length > 0) throw new UsageError(`tag ${action} takes no further arguments (got "${extra.join(' ')}")`);
  return action as Action;
}

/** The reader named, else the first holding a storage tag (by its ATR), else the first with a card. */
async function connectTag(pcsc: Pcsc, wanted: string | undefined): Promise<NfcTag> {
  const readers = await pcsc.listReaders();
  const withTag = wanted === undefined ? readers.find((r) => r.atr && isStorageAtr(r.atr)) : undefined;
  const reader = withTag ?? chooseReader(readers, wanted);
  if (!reader.atr) throw new UsageError(`No tag in ${reader.name}`);
  return new NfcTag(await pcsc.connect(reader.name), reader.atr);
}

async function dump(tag: NfcTag, values: CommandContext['values']): Promise<DumpLine[]> {
  if (tag.isType2) return dumpType2(tag);
  if (tag.isMifareClassic) {
    const keyText = stringValue(values, 'key') ?? 'FFFFFFFFFFFF';
    const type = (stringValue(values, 'key-type') ?? 'A').toUpperCase();
    if (type !== 'A' && type !== 'B') throw new UsageError(`--key-type must be A or B, not "${type}"`);
    const key = parseHexBytes(keyText);
    if (key.length !== 6) throw new UsageError(`--key must be 6 bytes of hex, not "${keyText}"`);
    return dumpClassic(tag, { type, key });
  }
  throw new UsageError(`dump reads Type 2 tags (Ultralight, NTAG) and MIFARE Classic, not ${tag.identity.name}; try ndef-read`);
}

function isStorageAtr(atr: Uint8Array): boolean {
  try {
    return identifyTag(atr).storage;
  } catch {
    return false;
  }
}

function recordsToWrite(values: CommandContext['values']): NdefRecord[] {
  const records: NdefRecord[] = [];
  const uri = stringValue(values, 'uri');
  const text = stringValue(values, 'text');
  const mime = stringValue(values, 'mime');
  if (uri !== undefined) records.push(uriRecord(uri));
  if (text !== undefined) records.push(textRecord(text, stringValue(values, 'lang') ?? 'en'));
  if (mime !== undefined) records.push(mimeRecord(mime, stringValue(values, 'data') ?? ''));
  if (records.length === 0) throw new UsageError('ndef-write needs --uri, --text or --mime (with --data)');
  return records;
}

interface RecordDescription {
  readonly tnf: string;
  readonly type: string;
  readonly payload: string;
  readonly summary: string;
}

function describeRecord(record: NdefRecord): RecordDescription {
  const type = recordTypeText(record);
  const base = { tnf: record.tnf, type, payload: formatHex(record.payload) };
  if (record.tnf === 'well-known' && type === 'U') return { ...base, summary: `URI ${decodeUri(record)}` };
  if (record.tnf === 'well-known' && type === 'T') {
    const text = decodeText(record);
    return { ...base, summary: `Text (${text.language}) ${text.text}` };
  }
  if (record.tnf === 'well-known' && type === 'Sp') return { ...base, summary: `Smart Poster ${decodeSmartPoster(record).uri}` };
  if (record.tnf === 'mime') return { ...base, summary: `MIME ${type}: ${new TextDecoder().decode(record.payload)}` };
  return { ...base, summary: `${record.tnf} ${type} ${base.payload}` };
}
