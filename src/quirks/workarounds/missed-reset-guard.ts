import { type BatchControl, type ConnectResult, type ContextId, type HandleId, type Outcome, type PcscDriver, fail } from '../../driver/pcsc-driver';
import { transmitBatchOf, transmitOneByOne } from '../../driver/transmit-batch';
import { eventCounterOf } from '../../driver/reader-state-compare';
import { SCARD_S_SUCCESS } from '../../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../../driver/scard-constants';
import { eventStateRefusal, transmitGuarded } from '../../driver/guarded-transmit';
import type { GuardSignal, GuardSignalChoice } from '../guard-signal';
import type { QuirkNoticeSink } from '../quirk-notice';
import { HandleStateDriver } from './handle-state-driver';
import { currentEventState } from './reader-state';

interface Watched {
  readonly context: ContextId;
  readonly reader: string;
  counter: number;
  /** Like pcsc-lite, a detected reset or removal is reported until the handle reconnects. */
  refusal: number;
}

/**
 * El Capitan's SCardTransmit does not report a reset by another application: the command reaches
 * the reset card. Before each transmit this asks for the handle's state, and a reset or removed
 * card gets SCARD_W_RESET_CARD / SCARD_W_REMOVED_CARD without the command being sent. The signal
 * is chosen per platform (guardSignalFor): SCardStatus; else the transmit is wrapped in a
 * transaction, whose SCardBeginTransaction reports the reset and keeps other applications from
 * resetting the card until the answer is in; else the reader's event counter (removals only).
 * A driver that can make the check and the transmit in one call (a worker) is asked to.
 */
export class MissedResetGuard extends HandleStateDriver<Watched> {
  /** How the guard learns that the card was reset before a transmit. */
  readonly signal: GuardSignal;

  constructor(inner: PcscDriver, notify: QuirkNoticeSink, choice: GuardSignalChoice) {
    super(inner);
    this.signal = choice.signal;
    if (this.signal === 'event-counter') {
      notify({
        quirk: 'transmit-misses-reset',
        message:
          `The ${inner.name} driver has no SCardStatus, so the missed-reset guard can only watch the reader's state: ` +
          'it stops commands to a removed or replaced card, but cannot see a reset by another application ' +
          "(pcsc-lite's event counter counts insertions and removals only). Use driver 'smartcard' for a full guard.",
      });
    } else if (this.signal === 'none') {
      notify({ quirk: 'transmit-misses-reset', message: `The missed-reset guard has no signal to check: ${choice.reason}.` });
    }
  }

  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    if (outcome.ok && this.signal === 'event-counter') {
      const state = await currentEventState(this.inner, context, reader);
      this.remember(context, outcome.value.handle, { context, reader, counter: eventCounterOf(state), refusal: SCARD_S_SUCCESS });
    }
    return outcome;
  }

  override async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    if (this.signal === 'transaction') return this.transmitInTransaction(handle, protocol, command, receiveLength);
    if (this.signal === 'status') return (await transmitGuarded(this.inner, handle, protocol, command, receiveLength, { signal: 'status' })).outcome;
    const watched = this.signal === 'event-counter' ? this.stateOf(handle) : undefined;
    if (!watched) return this.inner.transmit(handle, protocol, command, receiveLength);
    if (watched.refusal !== SCARD_S_SUCCESS) return fail(watched.refusal);
    const { context, reader, counter } = watched;
    const guarded = await transmitGuarded(this.inner, handle, protocol, command, receiveLength, { signal: 'event-counter', context, reader, counter });
    // Sticky until the handle reconnects; a rebase meanwhile (new counter) is not undone.
    if (guarded.eventState !== undefined && watched.counter === counter && watched.refusal === SCARD_S_SUCCESS) {
      watched.refusal = eventStateRefusal(guarded.eventState, counter);
    }
    return guarded.outcome;
  }

  /**
   * With the transaction signal, one transaction spans the whole batch, so the driver below may
   * overlap its commands; with the other signals each command is checked before it goes, one by one.
   */
  override async transmitBatch(
    handle: HandleId,
    protocol: number,
    commands: readonly Uint8Array[],
    control: BatchControl,
  ): Promise<readonly Outcome<Uint8Array>[]> {
    if (this.signal !== 'transaction') return transmitOneByOne(this, handle, protocol, commands, control);
    if (commands.length === 0 || control.stopped()) return [];
    const begun = await this.inner.beginTransaction(handle);
    if (begun !== SCARD_S_SUCCESS) return [fail(begun)];
    try {
      return await transmitBatchOf(this.inner)(handle, protocol, commands, control);
    } finally {
      await this.inner.endTransaction(handle, SCARD_LEAVE_CARD);
    }
  }

  override async reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    const outcome = await this.inner.reconnect(handle, shareMode, protocols, initialization);
    await this.rebase(handle);
    return outcome;
  }

  override async endTransaction(handle: HandleId, disposition: number): Promise<number> {
    const code = await this.inner.endTransaction(handle, disposition);
    await this.rebase(handle);
    return code;
  }

  private async transmitInTransaction(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const begun = await this.inner.beginTransaction(handle);
    if (begun !== SCARD_S_SUCCESS) return fail(begun);
    try {
      return await this.inner.transmit(handle, protocol, command, receiveLength);
    } finally {
      await this.inner.endTransaction(handle, SCARD_LEAVE_CARD);
    }
  }

  private async rebase(handle: HandleId): Promise<void> {
    const watched = this.stateOf(handle);
    if (!watched) return;
    watched.counter = eventCounterOf(await currentEventState(this.inner, watched.context, watched.reader));
    watched.refusal = SCARD_S_SUCCESS;
  }
}
