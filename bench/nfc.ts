/**
 * NFC bench, behind the real pcscd with a virtual NTAG215 in vpcd, resilient-pcsc against
 * nfc-pcsc 0.8.1 in the same run: (1) from the tag's activation (pcscd has read its ATR) to the
 * event carrying its UID; (2) a whole NTAG215 read (540 bytes, pages 0–134).
 * Run: npm run bench:nfc [-- --quick]   (needs test/harness/install-nfc-pcsc.sh or NFC_PCSC_DIR)
 */
import { join } from 'node:path';
import { startPcscd, stopPcscd } from '../test/harness/pcscd';
import { nfcPcscDirectory } from '../test/harness/nfc-pcsc';
import { Pcsc } from '../src';
import { NfcTag, watchTags, type TagEvent } from '../src/nfc';
import { virtualType2Tag } from '../src/testing';
import { attachToVpcd } from '../src/testing/vpcd-link';
import { median } from './stats';

const READER = 'Virtual PCD 00 00';
const NTAG215_BYTES = 135 * 4;

interface NfcPcscReader {
  name: string;
  on(event: 'card', fn: (card: { uid?: string }) => void): void;
  once(event: 'card', fn: (card: { uid?: string }) => void): void;
  read(block: number, length: number, blockSize?: number, packetSize?: number): Promise<Buffer>;
}
interface NfcPcscModule {
  NFC: new () => { on(event: 'reader', fn: (reader: NfcPcscReader) => void): void; on(event: 'error', fn: (error: Error) => void): void; close(): void };
}

const quick = process.argv.includes('--quick');
const ARRIVALS = quick ? 3 : 15;
const READS = quick ? 5 : 30;

async function oursArrival(pcsc: Pcsc): Promise<number[]> {
  const watcher = watchTags(pcsc, { readers: (name) => name === READER });
  const times: number[] = [];
  try {
    for (let i = 0; i < ARRIVALS; i += 1) {
      const event = new Promise<TagEvent>((resolve) => watcher.once('tag', resolve));
      const slot = await attachToVpcd(virtualType2Tag('ntag215'));
      await slot.whenActivated();
      const start = performance.now();
      const tag = await event;
      times.push(performance.now() - start);
      if (!tag.uid) throw new Error('no UID');
      const gone = new Promise((resolve) => watcher.once('tag-removed', resolve));
      await slot.remove();
      await gone;
    }
  } finally {
    watcher.stop();
  }
  return times;
}

async function oursRead(pcsc: Pcsc): Promise<{ times: number[]; commands: number }> {
  const card = virtualType2Tag('ntag215');
  const slot = await attachToVpcd(card);
  await slot.whenActivated();
  await waitPresent(pcsc);
  const reader = (await pcsc.listReaders()).find((r) => r.name === READER);
  const tag = new NfcTag(await pcsc.connect(READER), reader?.atr ?? new Uint8Array(0));
  const times: number[] = [];
  let commands = 0;
  for (let i = 0; i < READS; i += 1) {
    const before = card.commandCount;
    const start = performance.now();
    const bytes = await tag.read(0, NTAG215_BYTES);
    times.push(performance.now() - start);
    if (bytes.length !== NTAG215_BYTES) throw new Error('short read');
    if (i === 0) commands = card.commandCount - before;
  }
  await slot.remove();
  await waitGone(pcsc);
  return { times, commands };
}

async function waitGone(pcsc: Pcsc): Promise<void> {
  for (;;) {
    const reader = (await pcsc.listReaders()).find((r) => r.name === READER);
    if (!reader?.atr) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitPresent(pcsc: Pcsc): Promise<void> {
  for (;;) {
    const reader = (await pcsc.listReaders()).find((r) => r.name === READER);
    if (reader?.atr) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function theirs(): Promise<{ arrival: number[]; read: number[]; commands: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- nfc-pcsc is installed beside the checkout, not a dependency
  const { NFC } = require(join(nfcPcscDirectory(), 'dist/index.js')) as NfcPcscModule;
  const nfc = new NFC();
  nfc.on('error', () => undefined);
  const reader = await new Promise<NfcPcscReader>((resolve) =>
    nfc.on('reader', (r) => {
      // nfc-pcsc's readers throw on an 'error' without a listener (e.g. when pcscd stops at the end).
      (r as unknown as { on(event: 'error', fn: () => void): void }).on('error', () => undefined);
      if (r.name === READER) resolve(r);
    }),
  );
  const arrival: number[] = [];
  for (let i = 0; i < ARRIVALS; i += 1) {
    const event = new Promise<{ uid?: string }>((resolve) => reader.once('card', resolve));
    const slot = await attachToVpcd(virtualType2Tag('ntag215'));
    await slot.whenActivated();
    const start = performance.now();
    await event;
    arrival.push(performance.now() - start);
    await slot.remove();
    await new Promise((resolve) => setTimeout(resolve, 900));
  }
  const card = virtualType2Tag('ntag215');
  const cardSeen = new Promise((resolve) => reader.once('card', resolve));
  const slot = await attachToVpcd(card);
  await cardSeen;
  const read: number[] = [];
  let commands = 0;
  for (let i = 0; i < READS; i += 1) {
    const before = card.commandCount;
    const start = performance.now();
    const bytes = await reader.read(0, NTAG215_BYTES);
    read.push(performance.now() - start);
    if (bytes.length !== NTAG215_BYTES) throw new Error('short read');
    if (i === 0) commands = card.commandCount - before;
  }
  await slot.remove();
  nfc.close();
  return { arrival, read, commands };
}

function ms(values: number[]): string {
  return `${median(values).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  await startPcscd();
  try {
    const pcsc = await Pcsc.open();
    const arrival = await oursArrival(pcsc);
    const read = await oursRead(pcsc);
    await pcsc.close();
    const other = await theirs();
    console.log('| NFC, virtual NTAG215 behind pcscd (vpcd) | resilient-pcsc | nfc-pcsc 0.8.1 | ratio (theirs / ours) |');
    console.log('| --- | --- | --- | --- |');
    console.log(
      `| activation → event with UID (median of ${ARRIVALS}) | ${ms(arrival)} | ${ms(other.arrival)} | ${(median(other.arrival) / median(arrival)).toFixed(2)} |`,
    );
    console.log(
      `| whole NTAG215 read, 540 bytes (median of ${READS}) | ${ms(read.times)} | ${ms(other.read)} | ${(median(other.read) / median(read.times)).toFixed(2)} |`,
    );
    console.log(`| APDUs per whole read | ${read.commands} | ${other.commands} | |`);
  } finally {
    await stopPcscd();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
