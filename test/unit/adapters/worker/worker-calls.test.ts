import { ForkedContextError } from '../../../../src/errors/pcsc-error';
import { WorkerDriver } from '../../../../src/adapters/worker';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_STATE_CHANGED, SCARD_STATE_PRESENT, SCARD_STATE_UNAWARE } from '../../../../src/driver/scard-constants';
import { BIG_RESPONSE, BIG_RESPONSE_LENGTH, FAKE_ATR, FAKE_CAPABILITIES, FAKE_PLATFORM, FAKE_READER, THROW_FORKED } from './fixtures/fake-driver';
import { fakeDriverSpec } from './fixtures/fake-driver-path';
import { fail, succeed } from '../../../../src/driver/pcsc-driver';
import { valueOf } from '../../../fixtures/seed';

jest.setTimeout(20_000);

describe('WorkerDriver calls', () => {
  let driver: WorkerDriver;
  let context: number;
  let handle: number;

  beforeAll(async () => {
    driver = await WorkerDriver.start(fakeDriverSpec());
  });

  afterAll(async () => {
    await driver.dispose();
  });

  beforeEach(async () => {
    const established = await driver.establishContext();
    expect(established.rc).toBe(rc.SCARD_S_SUCCESS);
    context = valueOf(established);
    const connected = await driver.connect(context, FAKE_READER, 2, 3);
    expect(connected).toEqual(succeed({ handle: expect.any(Number), protocol: 2 }));
    handle = valueOf(connected).handle;
  });

  afterEach(async () => {
    await driver.releaseContext(context);
  });

  it('is named worker and reports the inner driver, platform and capabilities', () => {
    expect(driver.name).toBe('worker');
    expect(driver.innerName).toBe('fake');
    expect(driver.platform).toEqual(FAKE_PLATFORM);
    expect(driver.capabilities).toEqual(FAKE_CAPABILITIES);
    expect(driver.pid).toEqual(expect.any(Number));
    expect(driver.pid).not.toBe(process.pid);
  });

  it('round-trips context calls', async () => {
    expect(await driver.listReaders(context)).toEqual(succeed([FAKE_READER]));
    const states = await driver.getStatusChange(context, [{ reader: FAKE_READER, currentState: SCARD_STATE_UNAWARE }], 0);
    expect(states.rc).toBe(rc.SCARD_S_SUCCESS);
    expect(states.value?.[0]?.reader).toBe(FAKE_READER);
    expect(states.value?.[0]?.atr).toEqual(FAKE_ATR);
  });

  it('keeps Uint8Array commands and responses intact, as Uint8Array', async () => {
    const command = Uint8Array.from({ length: 261 }, (_, i) => (i * 7) & 0xff);
    const outcome = await driver.transmit(handle, 2, command);
    expect(outcome.rc).toBe(rc.SCARD_S_SUCCESS);
    expect(outcome.value).toBeInstanceOf(Uint8Array);
    expect(Array.from(valueOf(outcome))).toEqual([...command, 0x90, 0x00]);
  });

  it('carries a named receive buffer length to the inner driver', async () => {
    const command = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00);
    expect(await driver.transmit(handle, 2, command, 6)).toEqual(fail(rc.SCARD_E_INSUFFICIENT_BUFFER));
    expect((await driver.transmit(handle, 2, command, 7)).rc).toBe(rc.SCARD_S_SUCCESS);
  });

  it('passes a view into a larger buffer as just its bytes', async () => {
    const backing = Uint8Array.from([0xff, 0x00, 0xa4, 0x04, 0x00, 0xff]);
    const outcome = await driver.transmit(handle, 2, backing.subarray(1, 5));
    expect(Array.from(valueOf(outcome))).toEqual([0x00, 0xa4, 0x04, 0x00, 0x90, 0x00]);
  });

  it('carries a 64 KiB response and the card status ATR', async () => {
    const big = await driver.transmit(handle, 2, Uint8Array.of(BIG_RESPONSE));
    expect(big.value?.length).toBe(BIG_RESPONSE_LENGTH);
    expect(big.value?.every((byte, i) => byte === (i & 0xff))).toBe(true);
    const status = await driver.status(handle);
    expect(status.value?.atr).toBeInstanceOf(Uint8Array);
    expect(status.value?.atr).toEqual(FAKE_ATR);
  });

  it('answers many concurrent calls, each with its own result', async () => {
    const commands = Array.from({ length: 50 }, (_, i) => Uint8Array.of(0x00, i));
    const outcomes = await Promise.all(commands.map((command) => driver.transmit(handle, 2, command)));
    outcomes.forEach((outcome, i) => expect(Array.from(valueOf(outcome))).toEqual([0x00, i, 0x90, 0x00]));
  });

  it('lets cancel reach a getStatusChange the worker is still waiting on', async () => {
    const waiting = driver.getStatusChange(context, [{ reader: FAKE_READER, currentState: SCARD_STATE_PRESENT }], 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await driver.cancel(context)).toBe(rc.SCARD_S_SUCCESS);
    expect((await waiting).rc).toBe(rc.SCARD_E_CANCELLED);
  });

  it("makes the reset guard's status check and the transmit in one call", async () => {
    const command = Uint8Array.of(0x00, 0xb0, 0x00, 0x00);
    const guarded = await driver.transmitGuarded(handle, 2, command, undefined, { signal: 'status' });
    expect(guarded).toEqual({ outcome: succeed(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x90, 0x00)) });
    const tooSmall = await driver.transmitGuarded(handle, 2, command, 5, { signal: 'status' });
    expect(tooSmall.outcome).toEqual(fail(rc.SCARD_E_INSUFFICIENT_BUFFER));
  });

  it('reads the event counter in the worker and refuses a transmit after a change, reporting the state it read', async () => {
    const read = SCARD_STATE_PRESENT | SCARD_STATE_CHANGED;
    const check = { signal: 'event-counter', context, reader: FAKE_READER, counter: 0 } as const;
    expect(await driver.transmitGuarded(handle, 2, Uint8Array.of(0x01), undefined, check)).toEqual({
      outcome: succeed(Uint8Array.of(0x01, 0x90, 0x00)),
      eventState: read,
    });
    expect(await driver.transmitGuarded(handle, 2, Uint8Array.of(0x01), undefined, { ...check, counter: 3 })).toEqual({
      outcome: fail(rc.SCARD_W_RESET_CARD),
      eventState: read,
    });
  });

  it('answers a guarded transmit on a released context as the separate calls would (no state: removed)', async () => {
    const other = valueOf(await driver.establishContext());
    await driver.releaseContext(other);
    const check = { signal: 'event-counter', context: other, reader: FAKE_READER, counter: 0 } as const;
    expect(await driver.transmitGuarded(handle, 2, Uint8Array.of(0x01), undefined, check)).toEqual({
      outcome: fail(rc.SCARD_W_REMOVED_CARD),
      eventState: 0,
    });
  });

  it('rebuilds an error the inner driver threw with its class and code', async () => {
    const failure = driver.transmit(handle, 2, Uint8Array.of(THROW_FORKED));
    await expect(failure).rejects.toBeInstanceOf(ForkedContextError);
    await expect(failure).rejects.toMatchObject({ code: rc.SCARD_E_NO_SERVICE, call: 'SCardTransmit', message: 'thrown by the fake driver' });
  });

  it('answers unknown, disconnected and released ids with SCARD_E_INVALID_HANDLE without asking the worker', async () => {
    expect(await driver.transmit(9999, 2, Uint8Array.of(0))).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    expect(await driver.listReaders(9999)).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    expect(await driver.disconnect(handle, 0)).toBe(rc.SCARD_S_SUCCESS);
    expect(await driver.disconnect(handle, 0)).toBe(rc.SCARD_E_INVALID_HANDLE);
    const second = await driver.connect(context, FAKE_READER, 2, 3);
    expect(await driver.releaseContext(context)).toBe(rc.SCARD_S_SUCCESS);
    expect(await driver.transmit(valueOf(second).handle, 2, Uint8Array.of(0))).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    expect(await driver.cancel(context)).toBe(rc.SCARD_E_INVALID_HANDLE);
  });

  it('forwards SCardGetAttrib and SCardSetAttrib to the inner driver', async () => {
    expect(await driver.getAttribute(handle, 0x00090303)).toEqual(succeed(Uint8Array.of(0x03)));
    expect(await driver.setAttribute(handle, 0x00090303, Uint8Array.of(1, 2))).toBe(rc.SCARD_S_SUCCESS);
    expect(await driver.getAttribute(9999, 0x00090303)).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
  });

  it("passes the inner driver's own failure codes through", async () => {
    expect(await driver.connect(context, 'No Such Reader', 2, 3)).toEqual(fail(rc.SCARD_E_UNKNOWN_READER));
    expect(await driver.control(handle, 1, new Uint8Array(0))).toEqual(fail(rc.SCARD_E_UNSUPPORTED_FEATURE));
  });
});
