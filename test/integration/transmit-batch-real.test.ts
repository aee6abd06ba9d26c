import { Pcsc } from '../../src/compose/pcsc';
import type { BatchResult } from '../../src/core/transmit-batch-run';
import { PcscdDriver } from '../../src/adapters/pcscd/pcscd-driver';
import { pcscdSocketPath } from '../../src/driver/pcscd-socket-path';
import type { ApduTraceEntry } from '../../src/driver/tracing-driver';
import { AbortedError, CardResetError, NoServiceError, PcscError, TimeoutError } from '../../src/errors/pcsc-error';
import { VirtualCard } from '../../src/testing/virtual-card';
import { applications } from '../harness/applications';
import { startDelayingRelay } from '../harness/delaying-relay';
import { insertMuteableCard } from '../harness/muteable-card';
import type { RealDriver } from '../harness/drivers';
import { COMMAND, COUNTING, hex, SELECT } from '../fixtures/seed';
import { withHarness } from '../harness/with-harness';
import { runCli } from '../unit/cli/run-cli';

/** 'pcscd' writes a batch ahead; 'winscard' (the system library) sends it one command at a time. */
const BATCH_DRIVERS: readonly RealDriver[] = ['pcscd', 'winscard'];

/** The seed applet, plus `80 36 00 00 00`: 61 05 under T=0 style, whose GET RESPONSE (`80 C0 00 00 05`) answers 0A..0E 90 00. */
function appletWithGetResponse(): VirtualCard {
  let selected = false;
  let pending = false;
  return new VirtualCard({
    atr: '3B 80 80 01 01 01',
    onReset: () => {
      selected = false;
      pending = false;
    },
    respond: (apdu) => {
      const wasPending = pending;
      pending = false;
      if (apdu[1] === 0xa4) {
        selected = apdu[4] === 6;
        return selected ? '90 00' : '6A 82';
      }
      if (!selected) return '69 85';
      if (apdu[1] === 0x34) return `${COUNTING} 90 00`;
      if (apdu[1] === 0x36) {
        pending = true;
        return '61 05';
      }
      if (apdu[1] === 0xc0) return wasPending ? '0A 0B 0C 0D 0E 90 00' : '69 85';
      return '6D 00';
    },
  });
}

function summary(results: readonly BatchResult[]): string[] {
  return results.map((result) => (result.ok ? hex(result.response.bytes) : (result.error as PcscError).constructor.name));
}

const sixteen = (): string[] => Array.from({ length: 16 }, () => COMMAND);

/** Runs `action` once the card has received `count` more commands than now (checked every millisecond). */
function afterCommands(card: VirtualCard, count: number, action: () => Promise<unknown>): Promise<void> {
  const target = card.commandCount + count;
  return new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (card.commandCount < target) return;
      clearInterval(timer);
      action().then(() => resolve(), reject);
    }, 1);
  });
}

describe.each(BATCH_DRIVERS)('card.transmitBatch() on the real pcscd through %s', (driver) => {
  const harness = withHarness({ card: appletWithGetResponse });
  const open = applications(driver);

  async function selectedCard(pcsc: Pcsc, options = {}) {
    const card = await pcsc.connect(harness.readerName, options);
    await card.transmit(SELECT);
    return card;
  }

  it('answers every command in order, as the card received them, like one transmit() each', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc);
    const commands = [COMMAND, '00 B0 00 00 01', COMMAND, '00 A4 04 00 02 3F 00', COMMAND];
    const before = harness.card.commandCount;
    const results = await card.transmitBatch(commands);
    const received = harness.card.log.slice(-commands.length).map((entry) => hex(entry.command));
    expect(harness.card.commandCount - before).toBe(commands.length);
    expect(received).toEqual(commands.map((command) => command.toUpperCase()));
    const expected = summary(await card.transmitBatch([]));
    expect(expected).toEqual([]);
    const oneByOne: string[] = [];
    await card.transmit(SELECT);
    for (const command of commands) oneByOne.push(hex((await card.transmit(command)).bytes));
    expect(summary(results)).toEqual([`${COUNTING} 90 00`, '6D 00', `${COUNTING} 90 00`, '6A 82', '69 85']);
    expect(summary(results)).toEqual(oneByOne);
  });

  it('completes a 61xx answer with GET RESPONSE before the batch resolves (getResponse on, as under T=0)', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc, { getResponse: true });
    const results = await card.transmitBatch(['80 36 00 00 00', COMMAND, '80 36 00 00 00']);
    expect(summary(results)).toEqual(['0A 0B 0C 0D 0E 90 00', `${COUNTING} 90 00`, '0A 0B 0C 0D 0E 90 00']);
    expect(harness.card.log.slice(-5).map((entry) => hex(entry.command))).toEqual([
      '80 36 00 00 00',
      '80 C0 00 00 05',
      COMMAND,
      '80 36 00 00 00',
      '80 C0 00 00 05',
    ]);
  });

  it('reports every exchange of the batch to the APDU trace, in order', async () => {
    const entries: ApduTraceEntry[] = [];
    const pcsc = await Pcsc.open({ driver, trace: (entry) => entries.push(entry) });
    try {
      const card = await selectedCard(pcsc);
      entries.length = 0;
      await card.transmitBatch([COMMAND, '00 B0 00 00 01', COMMAND]);
      expect(entries.map((entry) => `${hex(entry.command)} -> ${hex(entry.response)}`)).toEqual([
        `${COMMAND} -> ${COUNTING} 90 00`,
        '00 B0 00 00 01 -> 6D 00',
        `${COMMAND} -> ${COUNTING} 90 00`,
      ]);
    } finally {
      await pcsc.close();
    }
  });

  it('a reset by another application in the middle: answers before it, CardResetError for every command after; nothing out of order', async () => {
    const pcsc = await open();
    const other = await open();
    const card = await selectedCard(pcsc);
    const intruder = await other.connect(harness.readerName);
    const before = harness.card.commandCount;
    const resetting = afterCommands(harness.card, 20, () => intruder.reconnect({ initialization: 'reset' }));
    const results = await card.transmitBatch(Array.from({ length: 400 }, () => COMMAND));
    await resetting;
    const firstFailure = results.findIndex((result) => !result.ok);
    const answered = firstFailure < 0 ? results.length : firstFailure;
    expect(results.slice(0, answered).every((result) => result.ok && hex(result.response.bytes) === `${COUNTING} 90 00`)).toBe(true);
    expect(results.slice(answered).every((result) => result.error instanceof CardResetError)).toBe(true);
    // Every command the card saw before the reset got its answer, and none after it reached the card.
    const seen = harness.card.log.slice(-(harness.card.commandCount - before));
    expect(seen.filter((entry) => entry.resetCount === seen[0]?.resetCount).length).toBe(answered);
    expect(seen.length).toBe(answered);
    // The handle works again after reconnect(), and a batch with it.
    await card.reconnect();
    await card.transmit(SELECT);
    expect(summary(await card.transmitBatch([COMMAND, COMMAND]))).toEqual([`${COUNTING} 90 00`, `${COUNTING} 90 00`]);
  });

  it('with the missed-reset guard on, a batch answers as before, and after a reset by another application no command reaches the card', async () => {
    const pcsc = await Pcsc.open({ driver, quirks: { missedResetGuard: true } });
    const other = await open();
    try {
      expect(pcsc.quirkProfile.enabled.missedResetGuard).toBe(true);
      const card = await selectedCard(pcsc);
      expect(summary(await card.transmitBatch([COMMAND, COMMAND]))).toEqual([`${COUNTING} 90 00`, `${COUNTING} 90 00`]);
      await (await other.connect(harness.readerName)).reconnect({ initialization: 'reset' });
      const before = harness.card.commandCount;
      const results = await card.transmitBatch(sixteen());
      expect(results.every((result) => result.error instanceof CardResetError)).toBe(true);
      expect(harness.card.commandCount).toBe(before);
    } finally {
      await pcsc.close();
    }
  });

  it("with onReset: 'reconnect' a reset in the middle is recovered once and the refused commands are sent again", async () => {
    const pcsc = await open();
    const other = await open();
    const card = await pcsc.connect(harness.readerName, { onReset: 'reconnect', restore: async (again) => void (await again.transmit(SELECT)) });
    await card.transmit(SELECT);
    const intruder = await other.connect(harness.readerName);
    const resetting = afterCommands(harness.card, 20, () => intruder.reconnect({ initialization: 'reset' }));
    const results = await card.transmitBatch(Array.from({ length: 400 }, () => COMMAND));
    await resetting;
    expect(new Set(summary(results))).toEqual(new Set([`${COUNTING} 90 00`]));
  });

  it("{ transaction: true } keeps another application's commands out of the batch", async () => {
    const pcsc = await open();
    const other = await open();
    const card = await selectedCard(pcsc);
    const neighbour = await other.connect(harness.readerName);
    const before = harness.card.commandCount;
    const batch = card.transmitBatch(
      Array.from({ length: 200 }, () => COMMAND),
      { transaction: true },
    );
    const intruding = (async () => {
      for (let i = 0; i < 20; i += 1) await neighbour.transmit('00 B0 00 00 01');
    })();
    const [results] = await Promise.all([batch, intruding]);
    expect(results.every((result) => result.ok)).toBe(true);
    const seen = harness.card.log.slice(-(harness.card.commandCount - before)).map((entry) => hex(entry.command));
    const first = seen.indexOf(COMMAND);
    expect(seen.slice(first, first + 200).every((command) => command === COMMAND)).toBe(true);
    expect(seen.filter((command) => command === '00 B0 00 00 01').length).toBe(20);
  });

  it("waits out another application's transaction (sharing violation) and answers everything in order", async () => {
    const pcsc = await open();
    const other = await open();
    const card = await selectedCard(pcsc);
    const holder = await other.connect(harness.readerName);
    let release!: () => void;
    const held = holder.transaction(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const batch = card.transmitBatch(sixteen());
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await held;
    expect(summary(await batch)).toEqual(sixteen().map(() => `${COUNTING} 90 00`));
  });

  it('an abort in the middle settles every unanswered command with AbortedError; the socket stays in step', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const results = await card.transmitBatch(
      Array.from({ length: 3000 }, () => COMMAND),
      { signal: controller.signal },
    );
    const firstFailure = results.findIndex((result) => !result.ok);
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(results.slice(0, firstFailure).every((result) => result.ok && hex(result.response.bytes) === `${COUNTING} 90 00`)).toBe(true);
    expect(results.slice(firstFailure).every((result) => result.error instanceof AbortedError)).toBe(true);
    // The next commands get their own answers, not those of commands written before the abort.
    expect(hex((await card.transmit('00 B0 00 00 01')).bytes)).toBe('6D 00');
    expect(summary(await card.transmitBatch(['00 A4 04 00 02 3F 00', COMMAND]))).toEqual(['6A 82', '69 85']);
  });

  it('a timeout settles every unanswered command with TimeoutError', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc);
    const results = await card.transmitBatch(
      Array.from({ length: 3000 }, () => COMMAND),
      { timeout: 5 },
    );
    const firstFailure = results.findIndex((result) => !result.ok);
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(results.slice(firstFailure).every((result) => result.error instanceof TimeoutError)).toBe(true);
    await card.transmit(SELECT);
    expect(hex((await card.transmit(COMMAND)).bytes)).toBe(`${COUNTING} 90 00`);
  });

  it('bad input in any command is a typed error before anything reaches the card', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc);
    const before = harness.card.commandCount;
    await expect(card.transmitBatch([COMMAND, 'zz'])).rejects.toThrow(/hex|APDU|command/i);
    await expect(card.transmitBatch(COMMAND as unknown as string[])).rejects.toThrow(/array/);
    await expect(card.transmitBatch([COMMAND], { transaction: 'yes' as unknown as boolean })).rejects.toThrow(/transaction/);
    expect(harness.card.commandCount).toBe(before);
  });

  it('a removal in the middle: answers before it, a typed error for each command after; the reader works again after reinsertion', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc);
    const removing = afterCommands(harness.card, 20, () => harness.removeCard());
    const started = Date.now();
    const results = await card.transmitBatch(Array.from({ length: 1000 }, () => COMMAND));
    await removing;
    console.log(`${driver} removal: ${Date.now() - started} ms, ${[...new Set(summary(results))].join(', ')}`);
    const firstFailure = results.findIndex((result) => !result.ok);
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(results.slice(0, firstFailure).every((result) => result.ok && hex(result.response.bytes) === `${COUNTING} 90 00`)).toBe(true);
    expect(results.slice(firstFailure).every((result) => result.error instanceof PcscError)).toBe(true);
    await card.disconnect().catch(() => undefined);
    // pcscd must have seen the reader empty (it polls vpcd every 400 ms) before the card comes back.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await harness.insertCard();
    const again = await selectedCard(pcsc);
    expect(summary(await again.transmitBatch([COMMAND, COMMAND]))).toEqual([`${COUNTING} 90 00`, `${COUNTING} 90 00`]);
  }, 60_000);

  it('a card going mute in the middle: answers before it, TimeoutError for the rest; disconnect settles and the reader works again', async () => {
    const muteReader = 'Virtual PCD 00 01';
    const atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
    const mute = await insertMuteableCard(35964, atr, 5);
    try {
      const pcsc = await open();
      await pcsc.waitForCard({ reader: muteReader, timeout: 10_000 });
      const card = await pcsc.connect(muteReader);
      const results = await card.transmitBatch(
        Array.from({ length: 20 }, () => '00 B0 00 00 01'),
        { timeout: 1500 },
      );
      expect(summary(results)).toEqual([...Array.from({ length: 5 }, () => '90 00'), ...Array.from({ length: 15 }, () => 'TimeoutError')]);
      // At most the window's worth of commands reached the card; none was written after the timeout.
      expect(mute.received).toBeLessThanOrEqual(5 + 32);
      await card.disconnect().catch((error: unknown) => expect(error).toBeInstanceOf(PcscError));
    } finally {
      await mute.remove();
    }
    const fresh = await insertMuteableCard(35964, atr);
    try {
      const pcsc = await open();
      await pcsc.waitForCard({ reader: muteReader, timeout: 10_000 });
      const card = await pcsc.connect(muteReader);
      expect(summary(await card.transmitBatch(['00 B0 00 00 01', '00 B0 00 00 01']))).toEqual(['90 00', '90 00']);
    } finally {
      await fresh.remove();
    }
  }, 60_000);

  it('a pcscd restart in the middle: answers before it, NoServiceError for the rest; reconnect() works on the new daemon', async () => {
    const pcsc = await open();
    const card = await selectedCard(pcsc);
    const restarting = afterCommands(harness.card, 20, () => harness.restartPcscd());
    const results = await card.transmitBatch(Array.from({ length: 20000 }, () => COMMAND));
    await restarting;
    const firstFailure = results.findIndex((result) => !result.ok);
    console.log(
      `${driver} restart: ${firstFailure} answered, then ${results
        .slice(firstFailure, firstFailure + 2)
        .map((result) => (result.error as PcscError).codeName)
        .join(', ')}, ...`,
    );
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(results.slice(0, firstFailure).every((result) => result.ok && hex(result.response.bytes) === `${COUNTING} 90 00`)).toBe(true);
    // The command that met the daemon's exit may fail with the code the driver read it with (libpcsclite: a
    // communication error); from then on the handle is known dead with the service.
    const failures = results.slice(firstFailure).map((result) => result.error);
    expect(failures.every((error) => error instanceof PcscError)).toBe(true);
    expect(failures.slice(1).every((error) => error instanceof NoServiceError)).toBe(true);
    await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });
    await card.reconnect();
    await card.transmit(SELECT);
    expect(summary(await card.transmitBatch([COMMAND, COMMAND]))).toEqual([`${COUNTING} 90 00`, `${COUNTING} 90 00`]);
  }, 60_000);
});

describe("the 'pcscd' driver writes a batch ahead", () => {
  const harness = withHarness({ card: appletWithGetResponse });

  it('sends the commands of a batch in one write, and transmit() one per write', async () => {
    const relay = await startDelayingRelay('/run/pcscd/relay-batch.comm', pcscdSocketPath(), 0);
    const pcsc = await Pcsc.open({ driver: new PcscdDriver({ socketPath: relay.path }) });
    try {
      const card = await pcsc.connect(harness.readerName);
      await card.transmit(SELECT);
      for (let i = 0; i < 4; i += 1) await card.transmit(COMMAND);
      expect(relay.mostTransmitsInOneWrite).toBe(1);
      const results = await card.transmitBatch(sixteen());
      expect(summary(results)).toEqual(sixteen().map(() => `${COUNTING} 90 00`));
      expect(relay.mostTransmitsInOneWrite).toBe(16);
    } finally {
      await pcsc.close();
      await relay.close();
    }
  });

  it('send -f writes the commands between resets of a script ahead, and prints every answer in order', async () => {
    const relay = await startDelayingRelay('/run/pcscd/relay-cli.comm', pcscdSocketPath(), 0);
    try {
      const script = [SELECT, COMMAND, '00 B0 00 00 01', COMMAND, 'reset', COMMAND, COMMAND].join('\n');
      const result = await runCli(['send', '--driver', 'pcscd', '-f', '-'], script, { PCSCLITE_CSOCK_NAME: relay.path });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.lines.filter((line) => line.startsWith('<'))).toEqual([
        '< 90 00 : Success',
        `< ${COUNTING} 90 00 : Success`,
        '< 6D 00 : Instruction code not supported or invalid',
        `< ${COUNTING} 90 00 : Success`,
        '< OK: 3B 80 80 01 01 01',
        '< 69 85 : Conditions of use not satisfied',
        '< 69 85 : Conditions of use not satisfied',
      ]);
      expect(relay.mostTransmitsInOneWrite).toBe(4);
    } finally {
      await relay.close();
    }
  }, 60_000);
});
