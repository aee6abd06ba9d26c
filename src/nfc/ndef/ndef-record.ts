/** The Type Name Format of an NDEF record (NFC Forum NDEF 1.0 §3.2.6). */
export type Tnf = 'empty' | 'well-known' | 'mime' | 'absolute-uri' | 'external' | 'unknown' | 'unchanged' | 'reserved';

/** TNF values in header order 0–7. */
export const TNF_CODES: readonly Tnf[] = ['empty', 'well-known', 'mime', 'absolute-uri', 'external', 'unknown', 'unchanged', 'reserved'];

/** One NDEF record: type name format, type, optional id and payload. */
export interface NdefRecord {
  /** Type Name Format. */
  readonly tnf: Tnf;
  /** The record type as bytes (e.g. 'T' for text, 'text/plain' for MIME). */
  readonly type: Uint8Array;
  /** The record id (empty when absent). */
  readonly id: Uint8Array;
  /** The payload. */
  readonly payload: Uint8Array;
}

/** Builds a record; type and id may be given as text (ASCII/UTF-8). */
export function ndefRecord(tnf: Tnf, type: string | Uint8Array, payload: Uint8Array, id: string | Uint8Array = new Uint8Array(0)): NdefRecord {
  return { tnf, type: toBytes(type), id: toBytes(id), payload };
}

/** The type as text. */
export function recordTypeText(record: NdefRecord): string {
  return new TextDecoder().decode(record.type);
}

export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}
