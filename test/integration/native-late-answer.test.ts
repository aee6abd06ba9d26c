/**
 * An answer that arrives after its caller gave up must never be taken for the answer of the next
 * call. The worker process that runs the binding is frozen (SIGSTOP) while a command is in flight, the
 * caller's timeout fires, the worker runs again, and the next command, which expects a different
 * answer, must get its own.
 */
import type { Card } from '../../src/core/card';
import { Pcsc } from '../../src/compose/pcsc';
import { PcscError, TimeoutError } from '../../src/errors/pcsc-error';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';
import { noWorkerProcesses, workerPids } from '../harness/worker-processes';
import { COMMAND, SELECT } from '../fixtures/seed';

/** The seed applet answers this with the 14 bytes 00..0D and 90 00; SELECT answers 90 00 alone. */
const ROUNDS = 5;

/** The drivers that run their binding in a worker process (the others have no worker to freeze). */
// The native bindings' drivers run their addon in a worker process of their own.
const WORKER_BACKED = REAL_DRIVERS.filter((name) => name === 'pcsclite' || name === 'smartcard');

const harness = withHarness();
jest.setTimeout(120_000);

function isCounting(data: Uint8Array): boolean {
  return data.length === 14 && data.every((byte, i) => byte === i);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the card answers again through a worker that is up and ready. */
async function answeringAgain(card: Card): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      if (!card.isAlive) await card.reconnect();
      await card.transmit(SELECT);
      return;
    } catch (error) {
      if (!(error instanceof PcscError) || attempt > 50) throw error;
      await sleep(100);
    }
  }
}

describe.each(WORKER_BACKED)('late answers from a frozen worker (%s)', (driver) => {
  it(`${ROUNDS} rounds: after a timed-out SELECT the next command gets its own answer`, async () => {
    // The worker frozen below must be this application's: wait out any left from earlier tests.
    await noWorkerProcesses();
    const app = await Pcsc.open({ driver, quirks: 'none' });
    try {
      const card = await app.connect(harness.readerName);
      await card.transmit(SELECT);
      const workers = workerPids();
      expect(workers).toHaveLength(1);
      const [worker] = workers;
      let own = 0;
      for (let round = 0; round < ROUNDS; round++) {
        process.kill(worker as number, 'SIGSTOP');
        let late: unknown;
        try {
          late = await card.transmit(SELECT, { timeout: 200 }).catch((error: unknown) => error);
        } finally {
          process.kill(worker as number, 'SIGCONT');
        }
        expect(late).toBeInstanceOf(TimeoutError);
        const next = await card.transmit(COMMAND);
        if (next.sw === 0x9000 && isCounting(next.data)) own++;
        else throw new Error(`round ${round}: the command got ${next.toString()}, not its own answer`);
      }
      console.log(`late answers (${driver}): ${own}/${ROUNDS} commands after a timed-out one got their own answer`);
      expect(own).toBe(ROUNDS);
    } finally {
      await app.close();
    }
  });

  it(`${ROUNDS} rounds: a worker killed for not answering gives the next command a typed error or its own answer`, async () => {
    const app = await Pcsc.open({ driver, quirks: 'none', isolation: 'worker', worker: { callTimeoutMs: 300 }, recovery: { minDelayMs: 20, maxDelayMs: 200 } });
    try {
      const card = await app.connect(harness.readerName);
      await card.transmit(SELECT);
      const outcomes = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        await answeringAgain(card);
        const pids = workerPids();
        for (const pid of pids) process.kill(pid, 'SIGSTOP');
        const late = await card.transmit(SELECT).catch((error: unknown) => error);
        expect(late).toBeInstanceOf(PcscError);
        await sleep(50);
        let next: string;
        try {
          if (!card.isAlive) await card.reconnect();
          const response = await card.transmit(COMMAND);
          if (!isCounting(response.data)) throw new Error(`round ${round}: the command got ${response.toString()}, not its own answer`);
          next = 'own answer';
        } catch (error) {
          if (!(error instanceof PcscError)) throw error;
          next = error.constructor.name;
        }
        outcomes.set(next, (outcomes.get(next) ?? 0) + 1);
        // A stopped worker that was not the one killed must not linger frozen.
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGCONT');
          } catch {
            // killed
          }
        }
      }
      console.log(`late answers, worker killed (${driver}): next command ${[...outcomes].map(([what, count]) => `${what} x${count}`).join(', ')}`);
      expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(ROUNDS);
    } finally {
      await app.close();
    }
  });
});
