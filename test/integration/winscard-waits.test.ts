/**
 * Status-change waits through the 'winscard' driver on a real pcscd: more waits than libuv has pool
 * threads leave the pool to the rest of the process, cancelling ends them, a program that never
 * closes still exits, and the library file can be named.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WinscardDriver } from '../../src/adapters/winscard/winscard-driver';
import * as rc from '../../src/driver/return-codes';
import {
  SCARD_INFINITE,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_SHARED,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAWARE,
} from '../../src/driver/scard-constants';
import { withHarness } from '../harness/with-harness';
import { SELECT_BYTES } from '../fixtures/seed';

const harness = withHarness();
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
/** More than libuv's default pool of 4 threads. */
const WAITS = 8;

async function establish(driver: WinscardDriver): Promise<number> {
  const context = await driver.establishContext();
  if (!context.ok) throw new Error(`SCardEstablishContext: 0x${context.rc.toString(16)}`);
  return context.value;
}

describe('status-change waits through winscard on the real pcscd', () => {
  let driver: WinscardDriver;

  beforeEach(() => {
    driver = new WinscardDriver();
  });
  afterEach(async () => {
    await driver.dispose();
  });

  it(`${WAITS} endless waits leave file reads and transmits running, and cancelling ends each with SCARD_E_CANCELLED`, async () => {
    const contexts = await Promise.all(Array.from({ length: WAITS }, () => establish(driver)));
    const present = await driver.getStatusChange(contexts[0]!, [{ reader: harness.readerName, currentState: SCARD_STATE_UNAWARE }], 0);
    if (!present.ok) throw new Error(`SCardGetStatusChange: 0x${present.rc.toString(16)}`);
    const current = present.value[0]!.eventState & ~0x2;
    expect(current & SCARD_STATE_PRESENT).toBe(SCARD_STATE_PRESENT);
    const waits = contexts.map((context) => driver.getStatusChange(context, [{ reader: harness.readerName, currentState: current }], SCARD_INFINITE));

    expect((await readFile(__filename, 'utf8')).length).toBeGreaterThan(0);
    const card = await driver.connect(contexts[0]!, harness.readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
    if (!card.ok) throw new Error(`SCardConnect: 0x${card.rc.toString(16)}`);
    for (let i = 0; i < 20; i++) {
      const answer = await driver.transmit(card.value.handle, card.value.protocol, SELECT_BYTES);
      expect(answer.ok && Buffer.from(answer.value.subarray(-2)).toString('hex')).toBe('9000');
    }
    expect(await driver.disconnect(card.value.handle, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);

    for (const context of contexts) expect(await driver.cancel(context)).toBe(rc.SCARD_S_SUCCESS);
    expect((await Promise.all(waits)).map((outcome) => outcome.rc)).toEqual(contexts.map(() => rc.SCARD_E_CANCELLED));
  });

  it('a wait reports the card’s removal, then its insertion', async () => {
    const context = await establish(driver);
    const first = await driver.getStatusChange(context, [{ reader: harness.readerName, currentState: SCARD_STATE_UNAWARE }], 0);
    if (!first.ok) throw new Error(`SCardGetStatusChange: 0x${first.rc.toString(16)}`);
    const present = first.value[0]!.eventState & ~0x2;
    const removal = driver.getStatusChange(context, [{ reader: harness.readerName, currentState: present }], 20_000);
    await harness.removeCard();
    const removed = await removal;
    expect(removed.ok && removed.value[0]!.eventState & SCARD_STATE_PRESENT).toBe(0);
    const empty = removed.ok ? removed.value[0]!.eventState & ~0x2 : 0;
    const insertion = driver.getStatusChange(context, [{ reader: harness.readerName, currentState: empty }], 20_000);
    await harness.insertCard();
    const inserted = await insertion;
    expect(inserted.ok && inserted.value[0]!.eventState & SCARD_STATE_PRESENT).toBe(SCARD_STATE_PRESENT);
  });

  it('a wait that times out answers SCARD_E_TIMEOUT', async () => {
    const context = await establish(driver);
    const first = await driver.getStatusChange(context, [{ reader: harness.readerName, currentState: SCARD_STATE_UNAWARE }], 0);
    if (!first.ok) throw new Error(`SCardGetStatusChange: 0x${first.rc.toString(16)}`);
    const outcome = await driver.getStatusChange(context, [{ reader: harness.readerName, currentState: first.value[0]!.eventState & ~0x2 }], 600);
    expect(outcome.rc).toBe(rc.SCARD_E_TIMEOUT);
  });

  it('opens the library file it is told to', async () => {
    const named = new WinscardDriver({ library: 'libpcsclite.so.1' });
    try {
      const context = await establish(named);
      const listed = await named.listReaders(context);
      expect(listed.ok && listed.value).toContain(harness.readerName);
    } finally {
      await named.dispose();
    }
  });
});

describe('a program that never calls close()', () => {
  it('exits by itself after connecting and transmitting through winscard', async () => {
    const fixture = join(__dirname, 'fixtures', 'winscard-no-close.ts');
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(TSX, [fixture, harness.readerName], { cwd: ROOT });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
    expect(result).toEqual({ code: 0, output: 'answered 90 00\n' });
  });
});
