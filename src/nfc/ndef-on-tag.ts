import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { NdefRecord } from './ndef/ndef-record';
import type { NfcTag } from './nfc-tag';
import { readType2Ndef, writeType2Ndef } from './type2/type2-ndef';
import { readType4Ndef, writeType4Ndef } from './type4/type4-ndef';

/** Reads the NDEF records of a Type 2 (Ultralight, NTAG) or Type 4 tag, chosen from its ATR. */
export async function readNdef(tag: NfcTag): Promise<NdefRecord[]> {
  if (tag.isType2) return (await readType2Ndef(tag)).records;
  if (tag.identity.kind === 'iso14443-4') return (await readType4Ndef(tag.connection, tag.label)).records;
  throw new InvalidArgumentError(`NDEF on ${tag.identity.name} is not supported (Type 2 and Type 4 tags are)`, 'tag', 'readNdef');
}

/** Writes NDEF records to a Type 2 or Type 4 tag, chosen from its ATR. */
export async function writeNdef(tag: NfcTag, records: readonly NdefRecord[]): Promise<void> {
  if (tag.isType2) return writeType2Ndef(tag, records);
  if (tag.identity.kind === 'iso14443-4') return writeType4Ndef(tag.connection, records, tag.label);
  throw new InvalidArgumentError(`NDEF on ${tag.identity.name} is not supported (Type 2 and Type 4 tags are)`, 'tag', 'writeNdef');
}
