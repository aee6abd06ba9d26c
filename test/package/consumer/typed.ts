// Type-checked (never run) under each moduleResolution an application may use.
import { Pcsc, PcscError, SharingViolationError, type ConnectOptions, type OpenOptions } from 'resilient-pcsc';
import { ForwardingDriver, type PcscDriver } from 'resilient-pcsc/driver';
import { VirtualCard, seedTestApplet } from 'resilient-pcsc/testing';
import { readers, toBytes, type CardConnection } from 'resilient-pcsc/pyscard';
import { NfcTag, readNdef, type NdefRecord, type TagEvent } from 'resilient-pcsc/nfc';
import { NFC, KEY_TYPE_A, type NfcCard } from 'resilient-pcsc/nfc-pcsc';

const openOptions: OpenOptions = { driver: 'auto', quirks: 'auto' };
const connectOptions: ConnectOptions = { share: 'shared', waitForSharing: 2000 };

export async function firstAnswer(): Promise<number> {
  const pcsc: Pcsc = await Pcsc.open(openOptions);
  const [reader] = await pcsc.listReaders();
  if (!reader) return -1;
  const card = await pcsc.connect(reader.name, connectOptions);
  const answer = await card.transmit('00 A4 04 00 06 A0 00 00 00 18 FF');
  await pcsc.close();
  return answer.sw;
}

export function codeOf(error: unknown): number | undefined {
  if (error instanceof SharingViolationError) return error.code;
  return error instanceof PcscError ? error.code : undefined;
}

export const card: VirtualCard = seedTestApplet();

export async function pyscardConnection(): Promise<CardConnection | undefined> {
  const [reader] = await readers();
  const connection = reader?.createConnection();
  await connection?.connect();
  await connection?.transmit(toBytes('00 A4 04 00'));
  return connection;
}

/** A decorator as a driver implementer writes one. */
export class CountingDriver extends ForwardingDriver {
  transmits = 0;

  constructor(inner: PcscDriver) {
    super(inner);
  }

  override transmit(...args: Parameters<PcscDriver['transmit']>): ReturnType<PcscDriver['transmit']> {
    this.transmits += 1;
    return super.transmit(...args);
  }
}

export async function ndefOf(tag: NfcTag): Promise<NdefRecord[]> {
  return readNdef(tag);
}

export function uidOf(event: TagEvent): string | undefined {
  return event.uidHex;
}

export function onCards(nfc: NFC, seen: (card: NfcCard) => void): number {
  nfc.on('reader', (reader) => reader.on('card', seen));
  return KEY_TYPE_A;
}
