import type { Card, Pcsc } from '../../src';
import { pcscdSocketPath } from '../../src/driver/pcscd-socket-path';
import { startDelayingRelay, type DelayingRelay } from '../../test/harness/delaying-relay';
import { checkSelectResponse, checkTestResponse, SELECT_APPLET, TEST_COMMAND } from '../apdu';
import { driverEntry, library } from '../built-library';
import type { BenchClient, BenchSession } from './client';
import { timeApdus, timeSequential } from './client';

/** Commands per batch in the batch rows. */
export const BATCH_SIZE = 16;
/** The relay's delay of each write, each way. */
export const RELAY_DELAY_MS = 2;
/** Commands per round over the relay (one by one, each costs two delayed writes). */
const RELAY_COUNT = 160;

/** `count` test commands as card.transmitBatch() batches of BATCH_SIZE, every answer checked. */
function batches(card: Card, count: number, id: string): Promise<number> {
  const batch = Array.from({ length: BATCH_SIZE }, () => TEST_COMMAND);
  const rounds = Math.max(1, Math.round(count / BATCH_SIZE));
  return timeApdus(rounds * BATCH_SIZE, async () => {
    for (let round = 0; round < rounds; round += 1) {
      for (const result of await card.transmitBatch(batch)) {
        if (!result.ok) throw result.error;
        checkTestResponse(result.response.bytes, id);
      }
    }
  });
}

function oneByOne(card: Card, count: number, id: string): Promise<number> {
  return timeSequential(count, async () => checkTestResponse((await card.transmit(TEST_COMMAND)).bytes, id));
}

async function selectedCard(pcsc: Pcsc, readerName: string, id: string): Promise<Card> {
  const card = await pcsc.connect(readerName);
  checkSelectResponse((await card.transmit(SELECT_APPLET)).bytes, id);
  return card;
}

/** card.transmitBatch() of BATCH_SIZE commands at a time on `driver`. */
export function batchClient(readerName: string, driver: 'pcscd' | 'winscard'): BenchClient {
  const id = `batch-${driver}`;
  return {
    id,
    label: `this library, '${driver}', transmitBatch of ${BATCH_SIZE}`,
    async open(): Promise<BenchSession> {
      const pcsc = await library.Pcsc.open({ driver });
      const card = await selectedCard(pcsc, readerName, id);
      return { run: (count) => batches(card, count, id), close: () => pcsc.close() };
    },
  };
}

/**
 * The 'pcscd' driver through a relay that holds back each write RELAY_DELAY_MS in both directions
 * (a pcscd reached over a forwarded socket), the commands one by one or in batches.
 */
export function relayClient(readerName: string, mode: 'one-by-one' | 'batch'): BenchClient {
  const id = `relay-${mode}`;
  return {
    id,
    label: `this library, 'pcscd' through a ${RELAY_DELAY_MS} ms relay, ${mode === 'batch' ? `transmitBatch of ${BATCH_SIZE}` : 'transmit() one by one'}`,
    async open(): Promise<BenchSession> {
      const relay: DelayingRelay = await startDelayingRelay(`${pcscdSocketPath()}.${id}`, pcscdSocketPath(), RELAY_DELAY_MS);
      const pcsc = await library.Pcsc.open({ driver: new driverEntry.PcscdDriver({ socketPath: relay.path }) });
      const card = await selectedCard(pcsc, readerName, id);
      const send = mode === 'batch' ? batches : oneByOne;
      return {
        run: (count) => send(card, Math.min(count, RELAY_COUNT), id),
        close: async () => {
          await pcsc.close();
          await relay.close();
        },
      };
    },
  };
}
