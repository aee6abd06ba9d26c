import type { Outcome, ReaderStateQuery, ReaderStateResult } from '../../driver/pcsc-driver';
import { SCARD_E_CANCELLED, SCARD_E_SERVICE_STOPPED, SCARD_E_TIMEOUT, SCARD_E_UNKNOWN_READER, SCARD_F_COMM_ERROR } from '../../driver/return-codes';
import { PNP_NOTIFICATION_READER, SCARD_INFINITE, SCARD_PRESENT, SCARD_STATE_CHANGED, SCARD_STATE_IGNORE } from '../../driver/scard-constants';
import { fail, succeed } from '../service/outcome';
import type { ReaderContext } from '../service/reader-context';
import type { SimulatedService } from '../service/simulated-service';
import { evaluateMissingReader, evaluateRunningReader } from './reader-state-evaluation';

type Wake = 'changed' | 'timeout' | 'cancelled';

export interface StatusChangeCall {
  readonly service: SimulatedService;
  /** Epoch of the calling context: once the service of that epoch is gone, no reader is running. */
  readonly epoch: number;
  readonly queries: readonly ReaderStateQuery[];
  readonly timeoutMs: number;
  /** Publishes how SCardCancel interrupts the wait; undefined while the call is not waiting. */
  readonly setCanceller: (cancel: (() => void) | undefined) => void;
}

const NO_ATR = new Uint8Array(0);
const PNP_NAME = PNP_NOTIFICATION_READER.toLowerCase();

/** Calls libpcsclite answers before it even looks at the context. */
export function answerWithoutWaiting(queries: readonly ReaderStateQuery[]): Outcome<ReaderStateResult[]> | undefined {
  if (queries.some((query) => !(query.currentState & SCARD_STATE_IGNORE))) return undefined;
  return succeed(queries.map((query) => ({ reader: query.reader, currentState: query.currentState, eventState: 0, atr: NO_ATR })));
}

function deadlineOf(timeoutMs: number, now: number): number | undefined {
  if (timeoutMs < 0 || timeoutMs >= SCARD_INFINITE) return undefined;
  return now + (Number.isFinite(timeoutMs) ? timeoutMs : 0);
}

function waitForWake(call: StatusChangeCall, version: number, remainingMs: number | undefined): Promise<Wake> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopListening = (): void => undefined;
    const finish = (wake: Wake): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      stopListening();
      call.setCanceller(undefined);
      resolve(wake);
    };
    stopListening = call.service.changes.onChangeSince(version, () => finish('changed'));
    if (remainingMs !== undefined) timer = setTimeout(() => finish('timeout'), remainingMs);
    call.setCanceller(() => finish('cancelled'));
  });
}

/**
 * SCardGetStatusChange as libpcsclite runs it: evaluate every reader, return as soon as one
 * differs from what the caller expects, otherwise sleep until the service changes, the
 * timeout runs out or SCardCancel interrupts.
 */
export async function runStatusChange(call: StatusChangeCall): Promise<Outcome<readonly ReaderStateResult[]>> {
  const { service, queries } = call;
  const pnpSupported = service.personality.capabilities.pnpNotification;
  const isPnp = (name: string): boolean => pnpSupported && name.toLowerCase() === PNP_NAME;
  const eventCounter = service.personality.capabilities.eventCounter;

  for (const query of queries) {
    if (service.findReader(query.reader) === undefined && !isPnp(query.reader)) return fail(SCARD_E_UNKNOWN_READER);
  }

  const eventStates = queries.map(() => 0);
  const atrs = queries.map(() => NO_ATR);
  let knownReaderCount = service.listedReaders().length;
  const deadline = deadlineOf(call.timeoutMs, Date.now());

  for (;;) {
    if (service.stoppedForLackOfReaders(call.epoch)) return fail(SCARD_E_SERVICE_STOPPED);
    const alive = service.isAlive(call.epoch);
    const running: readonly ReaderContext[] = alive ? service.listedReaders() : [];
    let changed = false;

    queries.forEach((query, i) => {
      if (query.currentState & SCARD_STATE_IGNORE) return;
      if (isPnp(query.reader)) {
        if (running.length !== knownReaderCount) {
          knownReaderCount = running.length;
          eventStates[i] = (eventStates[i] ?? 0) | SCARD_STATE_CHANGED;
          changed = true;
        }
        return;
      }
      const reader = running.find((candidate) => candidate.name === query.reader);
      const evaluation =
        reader === undefined ? evaluateMissingReader(query.currentState) : evaluateRunningReader(query.currentState, eventStates[i] ?? 0, reader, eventCounter);
      eventStates[i] = evaluation.eventState;
      if (reader !== undefined) atrs[i] = reader.state & SCARD_PRESENT ? reader.atr.slice() : NO_ATR;
      if (evaluation.changed) changed = true;
    });

    if (changed) {
      return succeed(
        queries.map((query, i) => ({
          reader: query.reader,
          currentState: query.currentState,
          eventState: eventStates[i] ?? 0,
          atr: atrs[i] ?? NO_ATR,
        })),
      );
    }
    // the service went away without anything the caller could see: the socket just closed
    if (!alive) return fail(SCARD_F_COMM_ERROR);

    const version = service.changes.version;
    const remaining = deadline === undefined ? undefined : deadline - Date.now();
    if (remaining !== undefined && remaining <= 0) return fail(SCARD_E_TIMEOUT);
    const wake = await waitForWake(call, version, remaining);
    if (wake === 'timeout') return fail(SCARD_E_TIMEOUT);
    if (wake === 'cancelled') return fail(SCARD_E_CANCELLED);
    if (!service.isAlive(call.epoch) && service.crashedIn(call.epoch)) return fail(SCARD_F_COMM_ERROR);
  }
}
