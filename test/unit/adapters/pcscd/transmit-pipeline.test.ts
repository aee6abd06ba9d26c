import { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { PIPELINE_WINDOW } from '../../../../src/adapters/pcscd/transmit-pipeline';
import { Command } from '../../../../src/adapters/pcscd/wire-layout';
import type { BatchControl } from '../../../../src/driver/pcsc-driver';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import { FakePcscd, u32s, type FakeClient, type Request } from './fake-pcscd';

const READER = 'Fake Reader 00 00';
const NEVER: BatchControl = { stopped: () => false };

/** Command `n`: READ BINARY at offset n; the fake answers with the byte n and 90 00. */
const command = (n: number): Uint8Array => Uint8Array.of(0x00, 0xb0, 0x00, n, 0x01);
const indexOf = (request: Request): number => request.payload[3] ?? -1;

function answer(client: FakeClient, request: Request, rv: number): void {
  const data = rv === 0 ? Buffer.from([indexOf(request), 0x90, 0x00]) : Buffer.alloc(0);
  client.write(Buffer.concat([u32s(0, 0, 0, 0, 0, 0, data.length, rv), data]));
}

/** A fake pcscd whose TRANSMIT answers come from `decide` (undefined: answer nothing, hang up after). */
async function driverOver(
  decide: (n: number, seen: number[], client: FakeClient, request: Request) => boolean,
): Promise<{ driver: PcscdDriver; daemon: FakePcscd; seen: number[]; handle: number }> {
  const seen: number[] = [];
  const daemon = await FakePcscd.start({
    override: (client, request) => {
      if (request.command !== Command.TRANSMIT) return false;
      seen.push(indexOf(request));
      return decide(indexOf(request), seen, client, request);
    },
  });
  const driver = new PcscdDriver({ socketPath: daemon.path, settlingBoundMs: 50 });
  const context = await driver.establishContext();
  if (!context.ok) throw new Error('context');
  const connected = await driver.connect(context.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
  if (!connected.ok) throw new Error('connect');
  return { driver, daemon, seen, handle: connected.value.handle };
}

const codes = (outcomes: ReadonlyArray<{ rc: number; value?: Uint8Array }>): Array<number | string> =>
  outcomes.map((outcome) => (outcome.rc === 0 ? `answer ${outcome.value?.[0]}` : outcome.rc));

describe("the 'pcscd' driver's batches", () => {
  const running: Array<{ driver: PcscdDriver; daemon: FakePcscd }> = [];
  afterEach(async () => {
    for (const { driver, daemon } of running.splice(0)) {
      await driver.dispose();
      await daemon.stop();
    }
  });

  it(`writes at most ${PIPELINE_WINDOW} commands before the first answer, and all answers come back in order`, async () => {
    const held: Array<[FakeClient, Request]> = [];
    let timer: NodeJS.Timeout | undefined;
    let writtenBeforeFirstAnswer: number | undefined;
    const setup = await driverOver((_n, seen, client, request) => {
      held.push([client, request]);
      // Answer whatever arrived once nothing more came for 50 ms.
      clearTimeout(timer);
      timer = setTimeout(() => {
        writtenBeforeFirstAnswer ??= seen.length;
        for (const [who, what] of held.splice(0)) answer(who, what, 0);
      }, 50);
      return true;
    });
    running.push(setup);
    const outcomes = await setup.driver.transmitBatch(
      setup.handle,
      SCARD_PROTOCOL_T1,
      Array.from({ length: 40 }, (_, n) => command(n)),
      NEVER,
    );
    expect(codes(outcomes)).toEqual(Array.from({ length: 40 }, (_, n) => `answer ${n}`));
    expect(setup.seen).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(writtenBeforeFirstAnswer).toBe(PIPELINE_WINDOW);
  });

  it('asks again from the first refused command when every command after it was refused too (none ran)', async () => {
    let refusals = 3;
    const setup = await driverOver((n, _seen, client, request) => {
      answer(client, request, n >= 1 && refusals-- > 0 ? rc.SCARD_E_SHARING_VIOLATION : 0);
      return true;
    });
    running.push(setup);
    const outcomes = await setup.driver.transmitBatch(setup.handle, SCARD_PROTOCOL_T1, [0, 1, 2, 3].map(command), NEVER);
    expect(codes(outcomes)).toEqual(['answer 0', 'answer 1', 'answer 2', 'answer 3']);
    expect(setup.seen).toEqual([0, 1, 2, 3, 1, 2, 3]);
  });

  it('keeps the refusals when a command written after them ran (asking again would run them out of order)', async () => {
    const setup = await driverOver((n, _seen, client, request) => {
      answer(client, request, n === 1 || n === 2 ? rc.SCARD_E_SHARING_VIOLATION : 0);
      return true;
    });
    running.push(setup);
    const outcomes = await setup.driver.transmitBatch(setup.handle, SCARD_PROTOCOL_T1, [0, 1, 2, 3].map(command), NEVER);
    expect(codes(outcomes)).toEqual(['answer 0', rc.SCARD_E_SHARING_VIOLATION, rc.SCARD_E_SHARING_VIOLATION, 'answer 3']);
    expect(setup.seen).toEqual([0, 1, 2, 3]);
  });

  it('ends with the socket code when pcscd goes away midway, after the answers read before', async () => {
    const setup = await driverOver((n, _seen, client, request) => {
      if (n < 2) answer(client, request, 0);
      else client.socket.destroy();
      return true;
    });
    running.push(setup);
    const outcomes = await setup.driver.transmitBatch(setup.handle, SCARD_PROTOCOL_T1, [0, 1, 2, 3].map(command), NEVER);
    expect(codes(outcomes)).toEqual(['answer 0', 'answer 1', rc.SCARD_E_NO_SERVICE]);
  });

  it('writes nothing more once the caller stops, and reads the answers of what was written', async () => {
    let stop = false;
    const setup = await driverOver((n, _seen, client, request) => {
      if (n === 0) stop = true;
      answer(client, request, 0);
      return true;
    });
    running.push(setup);
    const commands = Array.from({ length: 3 * PIPELINE_WINDOW }, (_, n) => command(n % 256));
    const outcomes = await setup.driver.transmitBatch(setup.handle, SCARD_PROTOCOL_T1, commands, { stopped: () => stop });
    expect(outcomes.length).toBe(setup.seen.length);
    expect(outcomes.length).toBeLessThanOrEqual(PIPELINE_WINDOW + 1);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });
});
