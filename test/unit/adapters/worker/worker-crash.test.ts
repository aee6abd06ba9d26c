import { ClosedError, TimeoutError, WorkerCrashedError } from '../../../../src/errors/pcsc-error';
import { WorkerDriver } from '../../../../src/adapters/worker';
import * as rc from '../../../../src/driver/return-codes';
import { SCARD_STATE_PRESENT } from '../../../../src/driver/scard-constants';
import { EXIT_WORKER, FAKE_READER, HANG } from './fixtures/fake-driver';
import { fakeDriverSpec } from './fixtures/fake-driver-path';
import { processExists } from './fixtures/process-alive';
import { fail } from '../../../../src/driver/pcsc-driver';
import { valueOf } from '../../../fixtures/seed';

jest.setTimeout(20_000);

const waitForPresentChange = { reader: FAKE_READER, currentState: SCARD_STATE_PRESENT };

/** The rejection of a call that fails later, caught at once so it never counts as unhandled. */
const failureOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    (value) => new Error(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );

async function openCard(driver: WorkerDriver): Promise<{ context: number; handle: number }> {
  const context = valueOf(await driver.establishContext());
  const handle = valueOf(await driver.connect(context, FAKE_READER, 2, 3)).handle;
  return { context, handle };
}

describe('WorkerDriver when the worker dies', () => {
  const drivers: WorkerDriver[] = [];
  const start = async (callTimeoutMs?: number): Promise<WorkerDriver> => {
    const driver = await WorkerDriver.start(fakeDriverSpec(), callTimeoutMs === undefined ? {} : { callTimeoutMs });
    drivers.push(driver);
    return driver;
  };

  afterEach(async () => {
    await Promise.all(drivers.splice(0).map((driver) => driver.dispose()));
  });

  it('rejects the call it died in, and every other pending call, with WorkerCrashedError', async () => {
    const driver = await start();
    const { context, handle } = await openCard(driver);
    const waiting = failureOf(driver.getStatusChange(context, [waitForPresentChange], 60_000));
    const dying = driver.transmit(handle, 2, Uint8Array.of(EXIT_WORKER));
    await expect(dying).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(dying).rejects.toMatchObject({
      code: rc.SCARD_E_NO_SERVICE,
      codeName: 'SCARD_E_NO_SERVICE',
      call: 'SCardTransmit',
      message: expect.stringMatching(/worker process \(pid \d+\) died \(exit code 3\).*next call starts a new worker/),
    });
    expect(await waiting).toBeInstanceOf(WorkerCrashedError);
    expect(await waiting).toMatchObject({ call: 'SCardGetStatusChange' });
  });

  it("answers SCARD_E_INVALID_HANDLE for the dead worker's ids, then starts a new worker on establishContext", async () => {
    const driver = await start();
    const first = await openCard(driver);
    const firstPid = driver.pid as number;
    await expect(driver.transmit(first.handle, 2, Uint8Array.of(EXIT_WORKER))).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(driver.pid).toBeUndefined();
    expect(processExists(firstPid)).toBe(false);
    expect(await driver.transmit(first.handle, 2, Uint8Array.of(0))).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    expect(await driver.listReaders(first.context)).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    expect(await driver.releaseContext(first.context)).toBe(rc.SCARD_E_INVALID_HANDLE);

    const second = await openCard(driver);
    expect(driver.pid).toEqual(expect.any(Number));
    expect(driver.pid).not.toBe(firstPid);
    // The new worker's driver numbers its context 1 again; the application's ids stay distinct.
    expect(second.context).not.toBe(first.context);
    expect(second.handle).not.toBe(first.handle);
    expect(await driver.transmit(first.handle, 2, Uint8Array.of(0))).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    const outcome = await driver.transmit(second.handle, 2, Uint8Array.of(0x01, 0x02));
    expect(Array.from(valueOf(outcome))).toEqual([0x01, 0x02, 0x90, 0x00]);
  });

  it('starts one new worker for concurrent establishContext calls', async () => {
    const driver = await start();
    const { handle } = await openCard(driver);
    await expect(driver.transmit(handle, 2, Uint8Array.of(EXIT_WORKER))).rejects.toBeInstanceOf(WorkerCrashedError);
    const contexts = await Promise.all([driver.establishContext(), driver.establishContext(), driver.establishContext()]);
    expect(contexts.map((outcome) => outcome.rc)).toEqual([0, 0, 0]);
    const pid = driver.pid;
    for (const outcome of contexts) expect((await driver.listReaders(valueOf(outcome))).rc).toBe(rc.SCARD_S_SUCCESS);
    expect(driver.pid).toBe(pid);
  });

  it('times out a hung call: TimeoutError, the worker is killed, the next call starts a new one', async () => {
    const driver = await start(300);
    const { context, handle } = await openCard(driver);
    const hungPid = driver.pid as number;
    const bystander = failureOf(driver.getStatusChange(context, [waitForPresentChange], 60_000));
    const startedAt = Date.now();
    const hung = driver.transmit(handle, 2, Uint8Array.of(HANG));
    await expect(hung).rejects.toBeInstanceOf(TimeoutError);
    await expect(hung).rejects.toMatchObject({ code: rc.SCARD_E_TIMEOUT, codeName: 'SCARD_E_TIMEOUT', call: 'SCardTransmit' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(await bystander).toBeInstanceOf(WorkerCrashedError);
    expect(await bystander).toMatchObject({ message: expect.stringContaining('killed after SCardTransmit gave no answer within 300 ms') });
    expect(processExists(hungPid)).toBe(false);
    expect(await driver.transmit(handle, 2, Uint8Array.of(0))).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    const again = await openCard(driver);
    expect(driver.pid).not.toBe(hungPid);
    expect((await driver.transmit(again.handle, 2, Uint8Array.of(0))).rc).toBe(rc.SCARD_S_SUCCESS);
  });

  it('without a call timeout, a disconnect held up by a hung command still settles: the worker is killed, the command fails typed', async () => {
    const driver = await start();
    const { handle } = await openCard(driver);
    const hungPid = driver.pid as number;
    const hung = failureOf(driver.transmit(handle, 2, Uint8Array.of(HANG)));
    expect(await driver.disconnect(handle, 0)).toBe(rc.SCARD_S_SUCCESS);
    expect(await hung).toBeInstanceOf(WorkerCrashedError);
    expect(processExists(hungPid)).toBe(false);
  });

  it('gives getStatusChange its own timeout on top of the call timeout', async () => {
    const driver = await start(200);
    const { context } = await openCard(driver);
    const pid = driver.pid;
    expect((await driver.getStatusChange(context, [waitForPresentChange], 600)).rc).toBe(rc.SCARD_E_TIMEOUT);
    expect(driver.pid).toBe(pid);
  });
});

describe('WorkerDriver.dispose', () => {
  it('leaves no worker process, and rejects calls still pending', async () => {
    const driver = await WorkerDriver.start(fakeDriverSpec());
    const { context } = await openCard(driver);
    const pid = driver.pid as number;
    expect(processExists(pid)).toBe(true);
    const waiting = failureOf(driver.getStatusChange(context, [waitForPresentChange], 60_000));
    await driver.dispose();
    expect(processExists(pid)).toBe(false);
    expect(driver.pid).toBeUndefined();
    expect(await waiting).toBeInstanceOf(ClosedError);
  });

  it('is final: establishContext rejects afterwards and a second dispose is harmless', async () => {
    const driver = await WorkerDriver.start(fakeDriverSpec());
    await driver.dispose();
    await driver.dispose();
    await expect(driver.establishContext()).rejects.toBeInstanceOf(ClosedError);
  });

  it('also stops a worker that was still starting', async () => {
    const driver = await WorkerDriver.start(fakeDriverSpec());
    const { handle } = await openCard(driver);
    await expect(driver.transmit(handle, 2, Uint8Array.of(EXIT_WORKER))).rejects.toBeInstanceOf(WorkerCrashedError);
    const restarting = failureOf(driver.establishContext());
    await driver.dispose();
    expect(await restarting).toBeInstanceOf(ClosedError);
    expect(driver.pid).toBeUndefined();
  });
});
