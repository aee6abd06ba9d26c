import { Pcsc } from '../../../src/compose/pcsc';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import { fail, succeed, type BatchControl, type HandleId, type Outcome, type PcscDriver } from '../../../src/driver/pcsc-driver';
import { SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD, SCARD_W_UNPOWERED_CARD } from '../../../src/driver/return-codes';
import { TracingDriver, type ApduTraceEntry } from '../../../src/driver/tracing-driver';
import { transmitBatchOf } from '../../../src/driver/transmit-batch';
import { CardRemovedError } from '../../../src/errors/pcsc-error';
import { MissedResetGuard } from '../../../src/quirks/workarounds/missed-reset-guard';
import { UnpoweredIsReset } from '../../../src/quirks/workarounds/unpowered-is-reset';
import { SimulatedPcsc } from '../../../src/simulator';
import { seedTestApplet } from '../../../src/testing';
import { VirtualCard } from '../../../src/testing/virtual-card';
import { COMMAND, SELECT } from '../../fixtures/seed';

const COUNTING = '000102030405060708090a0b0c0d9000';
const NEVER: BatchControl = { stopped: () => false };
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** A driver whose transmit answers from a script and whose transmitBatch, when asked for, is recorded. */
function scriptedDriver(answers: Array<Outcome<Uint8Array>>, withBatch: boolean): PcscDriver & { readonly calls: string[] } {
  const sim = new SimulatedPcsc();
  const base = sim.driver();
  const calls: string[] = [];
  const driver = Object.create(base) as PcscDriver & { calls: string[] };
  Object.assign(driver, {
    calls,
    transmit: async (): Promise<Outcome<Uint8Array>> => {
      calls.push('transmit');
      return answers.shift() ?? fail(SCARD_W_REMOVED_CARD);
    },
    beginTransaction: async () => (calls.push('begin'), 0),
    endTransaction: async () => (calls.push('end'), 0),
  });
  if (withBatch) {
    Object.assign(driver, {
      transmitBatch: async (_handle: HandleId, _protocol: number, commands: readonly Uint8Array[]) => {
        calls.push(`batch of ${commands.length}`);
        return commands.map(() => answers.shift() ?? fail(SCARD_W_REMOVED_CARD));
      },
    });
  }
  return driver;
}

describe('the port call transmitBatch through decorators', () => {
  it('a driver without it gets the commands one by one, ending after the first failure', async () => {
    const driver = scriptedDriver([succeed(bytes(0x90, 0)), fail(SCARD_W_RESET_CARD), succeed(bytes(0x90, 0))], false);
    const outcomes = await transmitBatchOf(driver)(1, 2, [bytes(1), bytes(2), bytes(3)], NEVER);
    expect(outcomes.map((outcome) => outcome.rc)).toEqual([0, SCARD_W_RESET_CARD]);
    expect(driver.calls).toEqual(['transmit', 'transmit']);
  });

  it('a decorator that leaves transmit alone passes the batch down whole', async () => {
    const inner = scriptedDriver([succeed(bytes(0x90, 0)), succeed(bytes(0x90, 0))], true);
    const outcomes = await new ForwardingDriver(inner).transmitBatch(1, 2, [bytes(1), bytes(2)], NEVER);
    expect(outcomes.map((outcome) => outcome.rc)).toEqual([0, 0]);
    expect(inner.calls).toEqual(['batch of 2']);
  });

  it('a decorator that changes transmit sees every command of a batch through its own transmit', async () => {
    const inner = scriptedDriver([succeed(bytes(0x90, 0)), fail(SCARD_W_UNPOWERED_CARD)], true);
    const outcomes = await new UnpoweredIsReset(inner).transmitBatch(1, 2, [bytes(1), bytes(2), bytes(3)], NEVER);
    // The remap applies to the batch's commands as to transmit()'s: UNPOWERED becomes RESET.
    expect(outcomes.map((outcome) => outcome.rc)).toEqual([0, SCARD_W_RESET_CARD]);
    expect(inner.calls).toEqual(['transmit', 'transmit']);
  });

  it('the missed-reset guard with the transaction signal spans the batch with one transaction', async () => {
    const inner = scriptedDriver([succeed(bytes(0x90, 0)), succeed(bytes(0x90, 0))], true);
    const guard = new MissedResetGuard(inner, () => undefined, { signal: 'transaction', confidence: 'high', reason: 'test' } as never);
    await guard.transmitBatch(1, 2, [bytes(1), bytes(2)], NEVER);
    expect(inner.calls).toEqual(['begin', 'batch of 2', 'end']);
  });

  it('the tracing decorator reports each exchange of a batch, and the batch stays whole below it', async () => {
    const inner = scriptedDriver([succeed(bytes(0x90, 0)), fail(SCARD_W_REMOVED_CARD)], true);
    const entries: ApduTraceEntry[] = [];
    await new TracingDriver(inner, undefined, (entry) => entries.push(entry)).transmitBatch(7, 2, [bytes(1), bytes(2)], NEVER);
    expect(inner.calls).toEqual(['batch of 2']);
    expect(entries.map((entry) => [entry.handle, entry.command[0], entry.rc])).toEqual([
      [7, 1, 0],
      [7, 2, SCARD_W_REMOVED_CARD],
    ]);
  });
});

describe('card.transmitBatch() on the simulator (one by one underneath)', () => {
  /** A simulated reader whose card is taken out while it answers its 4th command. */
  async function cardRemovedAtFourth(): Promise<{ readonly pcsc: Pcsc; readonly send: (commands: string[]) => Promise<string[]> }> {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const slot = sim.addReader('Reader');
    let count = 0;
    const applet = seedTestApplet();
    slot.insert(
      new VirtualCard({
        atr: applet.atr,
        respond: (apdu) => {
          count += 1;
          if (count === 4) slot.remove();
          return applet.process(apdu);
        },
        onReset: () => applet.reset(),
      }),
    );
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    const connection = await pcsc.connect('Reader 00 00');
    const name = (result: { ok: boolean; response?: { bytes: Uint8Array }; error?: Error }): string =>
      result.ok ? Buffer.from(result.response?.bytes ?? []).toString('hex') : (result.error?.constructor.name ?? '');
    return {
      pcsc,
      send: async (commands) => (await connection.transmitBatch(commands)).map(name),
    };
  }

  it('gives the results of transmit() one by one, a removal midway included', async () => {
    const batch = await cardRemovedAtFourth();
    const oneByOne = await cardRemovedAtFourth();
    try {
      const commands = [SELECT, COMMAND, COMMAND, COMMAND, COMMAND, COMMAND];
      const batched = await batch.send(commands);
      const single: string[] = [];
      for (const command of commands) single.push(...(await oneByOne.send([command])));
      expect(batched).toEqual(single);
      expect(batched.slice(0, 3)).toEqual(['9000', COUNTING, COUNTING]);
      expect(batched.slice(4)).toEqual([CardRemovedError.name, CardRemovedError.name]);
    } finally {
      await batch.pcsc.close();
      await oneByOne.pcsc.close();
    }
  });
});
