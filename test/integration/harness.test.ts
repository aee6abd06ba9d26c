/**
 * Proves the real-pcscd harness with nothing of this library between the test and pcscd:
 * the raw `pcsclite` binding talks to our pcscd, whose vpcd reader holds a VirtualCard.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pcsclite is a CommonJS module with `export =`
import pcsclite = require('pcsclite');
import { withHarness } from '../harness/with-harness';
import { COMMAND_BYTES, SELECT_BYTES } from '../fixtures/seed';

type Pcsc = ReturnType<typeof pcsclite>;
/** The binding's CardReader (its typings do not export the interface; the last `on` overload is 'reader'). */
type Reader = Parameters<Parameters<Pcsc['on']>[1]>[0];

const SELECT = Buffer.from(SELECT_BYTES);
const TEST_COMMAND = Buffer.from(COMMAND_BYTES);
const EXPECTED = Buffer.from([...Array.from({ length: 14 }, (_, i) => i), 0x90, 0x00]);
const SW_OK = Buffer.from('9000', 'hex');

const harness = withHarness();

describe('real pcscd harness (raw pcsclite binding)', () => {
  let pcsc: Pcsc;
  const readers = new Map<string, Reader>();

  beforeAll(async () => {
    pcsc = pcsclite();
    pcsc.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${harness.readerName} within 5 s`)), 5000);
      pcsc.on('reader', (reader) => {
        reader.on('error', () => undefined);
        track(reader);
        readers.set(reader.name, reader);
        if (reader.name === harness.readerName) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  });

  afterAll(() => {
    for (const reader of readers.values()) reader.close();
    pcsc.close();
  });

  const ourReader = (): Reader => {
    const reader = readers.get(harness.readerName);
    if (!reader) throw new Error(`${harness.readerName} not listed`);
    return reader;
  };

  test('lists the vpcd reader', () => {
    expect([...readers.keys()]).toContain('Virtual PCD 00 00');
  });

  test('shows the attached card as present, with its ATR', async () => {
    const reader = ourReader();
    const status = await waitForStatus(reader, (state) => (state & reader.SCARD_STATE_PRESENT) !== 0);
    expect(status.atr).toEqual(Buffer.from(harness.card.atr));
    expect(Buffer.from(harness.card.atr).toString('hex')).toBe('3b8080010101');
  });

  test('connects and exchanges APDUs with the virtual card', async () => {
    const reader = ourReader();
    const logBefore = harness.card.log.length;
    const protocol = await connect(reader, reader.SCARD_SHARE_SHARED);
    try {
      expect(await transmit(reader, SELECT, protocol)).toEqual(SW_OK);
      const response = await transmit(reader, TEST_COMMAND, protocol);
      expect(response).toHaveLength(16);
      expect(response).toEqual(EXPECTED);
    } finally {
      await disconnect(reader, reader.SCARD_LEAVE_CARD);
    }
    const received = harness.card.log.slice(logBefore).map((entry) => Buffer.from(entry.command));
    expect(received).toEqual([SELECT, TEST_COMMAND]);
  });

  test('removing the card empties the reader', async () => {
    const reader = ourReader();
    await harness.removeCard();
    expect(harness.attachment.connected).toBe(false);
    const status = await waitForStatus(reader, (state) => (state & reader.SCARD_STATE_EMPTY) !== 0);
    expect(status.state & reader.SCARD_STATE_PRESENT).toBe(0);
    await expect(connect(reader, reader.SCARD_SHARE_SHARED)).rejects.toThrow(/0x8010000c/i);
  });

  test('inserting the card again makes it present', async () => {
    const reader = ourReader();
    await harness.insertCard();
    const status = await waitForStatus(reader, (state) => (state & reader.SCARD_STATE_PRESENT) !== 0);
    expect(status.state & reader.SCARD_STATE_EMPTY).toBe(0);
    expect(status.atr?.toString('hex')).toBe('3b8080010101');
  });
});

interface Status {
  readonly state: number;
  readonly atr?: Buffer;
}

/** Resolves with the first reader status (the latest one, or a coming one) that satisfies `accept`. */
function waitForStatus(reader: Reader, accept: (state: number) => boolean, timeoutMs = 3000): Promise<Status> {
  return new Promise((resolve, reject) => {
    const onStatus = (status: Status): void => {
      if (!accept(status.state)) return;
      clearTimeout(timer);
      reader.removeListener('status', onStatus);
      resolve(status);
    };
    const timer = setTimeout(() => {
      reader.removeListener('status', onStatus);
      reject(new Error(`reader state 0x${(reader.state ?? 0).toString(16)} did not reach the expected state`));
    }, timeoutMs);
    reader.on('status', onStatus);
    const latest = lastStatus.get(reader);
    if (latest) onStatus(latest);
  });
}

/** The binding emits each status once; remember the latest so a test can look back at it. */
const lastStatus = new WeakMap<Reader, Status>();
const tracked = new WeakSet<Reader>();
function track(reader: Reader): void {
  if (tracked.has(reader)) return;
  tracked.add(reader);
  reader.on('status', (status) => lastStatus.set(reader, status));
}

function connect(reader: Reader, shareMode: number): Promise<number> {
  return new Promise((resolve, reject) => {
    reader.connect({ share_mode: shareMode }, (error, protocol) => (error ? reject(error) : resolve(protocol)));
  });
}

function transmit(reader: Reader, command: Buffer, protocol: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    reader.transmit(command, 258, protocol, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

function disconnect(reader: Reader, disposition: number): Promise<void> {
  return new Promise((resolve, reject) => {
    reader.disconnect(disposition, (error) => (error ? reject(error) : resolve()));
  });
}
