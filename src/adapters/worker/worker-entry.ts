import type { PcscDriver } from '../../driver/pcsc-driver';
import { buildInnerDriver, parseWorkerSpec } from './build-inner-driver';
import { decodeWire, encodeWire } from './wire-codec';
import { serializeError } from './worker-errors';
import { transmitGuarded } from '../../driver/guarded-transmit';
import { encodeTransmitReply, isByteOutcome, isGuardedTransmitRequest, isTransmitRequest, transmitCommand } from './transmit-wire';
import { isDriverMethod, type GuardedTransmitRequest, type TransmitRequest, type WorkerMessage, type WorkerReply, type WorkerRequest } from './worker-protocol';

/*
 * The worker process: started by WorkerDriver with child_process.fork (a fresh exec), it builds
 * the driver named on its command line and answers calls over the IPC channel. When the channel
 * closes (dispose, or the parent died) it disposes the driver and exits.
 */

/** A parent that went away (closed or died) while an answer was on its way gets none. */
function ignoreLostParent(): void {
  // The error is expected; nothing is left to tell.
}

function send(message: WorkerMessage): void {
  if (!process.connected) return;
  // With a callback, a failed write (EPIPE once the parent is gone) does not crash the worker.
  process.send?.(message, undefined, undefined, ignoreLostParent);
}

function reply(message: WorkerReply): void {
  try {
    send(message);
  } catch (error) {
    // The value could not be serialised; the caller still gets an answer.
    send([message[0], false, serializeError(error)]);
  }
}

function answerTransmit(driver: PcscDriver, request: TransmitRequest): void {
  const [id, , handle, protocol, , receiveLength] = request;
  let result: Promise<unknown>;
  try {
    result = Promise.resolve(driver.transmit(handle, protocol, transmitCommand(request), receiveLength));
  } catch (error) {
    result = Promise.reject(error);
  }
  result.then(
    // A module's driver may answer something else than the interface promises; it travels as before.
    (outcome) => (isByteOutcome(outcome) ? send(encodeTransmitReply(id, outcome)) : reply([id, true, encodeWire(outcome)])),
    (error: unknown) => reply([id, false, serializeError(error)]),
  );
}

/** The guard's check and the transmit, here next to the card: one round trip for the parent. */
function answerGuardedTransmit(driver: PcscDriver, request: GuardedTransmitRequest): void {
  const [id, , handle, protocol, , receiveLength, check] = request;
  let result: ReturnType<typeof transmitGuarded>;
  try {
    result = transmitGuarded(driver, handle, protocol, transmitCommand(request), receiveLength ?? undefined, check);
  } catch (error) {
    result = Promise.reject(error);
  }
  result.then(
    ({ outcome, eventState }) =>
      isByteOutcome(outcome) ? send(encodeTransmitReply(id, outcome, eventState)) : reply([id, true, encodeWire({ outcome, eventState })]),
    (error: unknown) => reply([id, false, serializeError(error)]),
  );
}

function answer(driver: PcscDriver, request: WorkerRequest): void {
  if (isTransmitRequest(request)) {
    answerTransmit(driver, request);
    return;
  }
  if (isGuardedTransmitRequest(request)) {
    answerGuardedTransmit(driver, request);
    return;
  }
  const [id, method, args] = request;
  let result: Promise<unknown>;
  try {
    if (!isDriverMethod(method)) throw new TypeError(`Unknown driver call "${String(method)}".`);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- Reflect.apply gives it `driver` as this
    result = Promise.resolve(Reflect.apply(driver[method], driver, decodeWire(args) as unknown[]) as unknown);
  } catch (error) {
    result = Promise.reject(error);
  }
  result.then(
    (value) => reply([id, true, encodeWire(value)]),
    (error: unknown) => reply([id, false, serializeError(error)]),
  );
}

async function shutdown(driver: PcscDriver | undefined): Promise<void> {
  try {
    await driver?.dispose();
  } finally {
    process.exit(0);
  }
}

async function main(): Promise<void> {
  if (!process.send) {
    process.stderr.write('resilient-pcsc worker: this script is started by WorkerDriver through child_process.fork.\n');
    process.exit(2);
  }
  let driver: PcscDriver | undefined;
  process.once('disconnect', () => void shutdown(driver));
  try {
    driver = await buildInnerDriver(parseWorkerSpec(process.argv[2]));
  } catch (error) {
    send({ failed: serializeError(error) });
    return;
  }
  const built = driver;
  process.on('message', (request: WorkerRequest) => answer(built, request));
  send({ ready: { name: built.name, platform: built.platform, capabilities: built.capabilities } });
}

void main();
