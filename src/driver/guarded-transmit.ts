import { isResetOrGone } from '../errors/code-kinds';
import { type CardStatusResult, type ContextId, type HandleId, type Outcome, type PcscDriver, fail } from './pcsc-driver';
import { eventCounterOf } from './reader-state-compare';
import { SCARD_S_SUCCESS, SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD } from './return-codes';
import { SCARD_ABSENT, SCARD_STATE_PRESENT, SCARD_STATE_UNAWARE } from './scard-constants';

/**
 * The check the missed-reset guard makes right before a transmit: the handle's SCardStatus, or
 * the reader's event counter against the one seen when the handle connected (or last rebased).
 */
export type TransmitCheck = StatusCheck | EventCounterCheck;

/** Check the handle's SCardStatus: a reset or removal it reports, or an absent card, refuses the transmit. */
export interface StatusCheck {
  /** Which check. */
  readonly signal: 'status';
}

/** Check the reader's event counter: no card, or another counter than `counter`, refuses the transmit. */
export interface EventCounterCheck {
  /** Which check. */
  readonly signal: 'event-counter';
  /** The context whose getStatusChange reads the reader's state. */
  readonly context: ContextId;
  /** The handle's reader. */
  readonly reader: string;
  /** The event counter seen when the handle connected (or last reconnected). */
  readonly counter: number;
}

/** A guarded transmit's outcome (the refusal when the check stopped it), and the reader's state bits an event-counter check read. */
export interface GuardedTransmitResult {
  /** The transmit's outcome, or the refusal (SCARD_W_RESET_CARD, SCARD_W_REMOVED_CARD, ...) when the check stopped it. */
  readonly outcome: Outcome<Uint8Array>;
  /** With an event-counter check: the reader's SCARD_STATE_* bits it read (0 when the service did not answer). */
  readonly eventState?: number;
}

/**
 * A driver that makes the check and the transmit in one call: a worker does both next to the
 * card, so a guarded command crosses the process boundary once instead of twice.
 */
export interface GuardedTransmitter {
  /** Makes `check`, then sends `command` unless the check refused it. */
  transmitGuarded(
    handle: HandleId,
    protocol: number,
    command: Uint8Array,
    receiveLength: number | undefined,
    check: TransmitCheck,
  ): Promise<GuardedTransmitResult>;
}

/** Whether `driver` itself offers guarded transmits (a decorator above it hides them, as it may change what status says). */
export function offersGuardedTransmit(driver: PcscDriver): driver is PcscDriver & GuardedTransmitter {
  return typeof (driver as Partial<GuardedTransmitter>).transmitGuarded === 'function';
}

/** The refusal a status answer calls for: its own reset/removal code, REMOVED_CARD for an absent card, else success. */
export function statusRefusal(status: Outcome<CardStatusResult>): number {
  if (isResetOrGone(status.rc)) return status.rc;
  if (status.ok && status.value.state & SCARD_ABSENT) return SCARD_W_REMOVED_CARD;
  return SCARD_S_SUCCESS;
}

/** The refusal a reader's state bits call for: no card is a removal, another event counter a reset (or replacement). */
export function eventStateRefusal(eventState: number, counter: number): number {
  if (!(eventState & SCARD_STATE_PRESENT)) return SCARD_W_REMOVED_CARD;
  if (eventCounterOf(eventState) !== counter) return SCARD_W_RESET_CARD;
  return SCARD_S_SUCCESS;
}

/** The reader's SCARD_STATE_* bits now (a getStatusChange that does not wait), or 0 when the service does not answer. */
export async function currentEventState(driver: PcscDriver, context: ContextId, reader: string): Promise<number> {
  const states = await driver.getStatusChange(context, [{ reader, currentState: SCARD_STATE_UNAWARE }], 0);
  return states.rc === SCARD_S_SUCCESS ? (states.value?.[0]?.eventState ?? 0) : 0;
}

/** The check, then the transmit unless the check refused it: with the driver's own call when it has one, else call by call. */
export function transmitGuarded(
  driver: PcscDriver,
  handle: HandleId,
  protocol: number,
  command: Uint8Array,
  receiveLength: number | undefined,
  check: TransmitCheck,
): Promise<GuardedTransmitResult> {
  if (offersGuardedTransmit(driver)) return driver.transmitGuarded(handle, protocol, command, receiveLength, check);
  return transmitGuardedCallByCall(driver, handle, protocol, command, receiveLength, check);
}

/** The check, then the transmit unless the check refused it, each a call of its own to `driver`. */
export async function transmitGuardedCallByCall(
  driver: PcscDriver,
  handle: HandleId,
  protocol: number,
  command: Uint8Array,
  receiveLength: number | undefined,
  check: TransmitCheck,
): Promise<GuardedTransmitResult> {
  if (check.signal === 'status') {
    const refusal = statusRefusal(await driver.status(handle));
    return { outcome: refusal === SCARD_S_SUCCESS ? await driver.transmit(handle, protocol, command, receiveLength) : fail(refusal) };
  }
  const eventState = await currentEventState(driver, check.context, check.reader);
  const refusal = eventStateRefusal(eventState, check.counter);
  return { outcome: refusal === SCARD_S_SUCCESS ? await driver.transmit(handle, protocol, command, receiveLength) : fail(refusal), eventState };
}
