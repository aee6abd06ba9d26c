import { type ConnectResult, type ContextId, type HandleId, type Outcome, fail } from '../../driver/pcsc-driver';
import { eventCounterOf } from '../../driver/reader-state-compare';
import { SCARD_S_SUCCESS, SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD } from '../../driver/return-codes';
import { SCARD_STATE_PRESENT } from '../../driver/scard-constants';
import { HandleStateDriver } from './handle-state-driver';
import { currentReaderState } from './reader-state';

interface CardSeen {
  readonly context: ContextId;
  readonly reader: string;
  atr: Uint8Array;
  counter: number;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Apple's layer answers RESET where pcsc-lite answers REMOVED after a remove + reinsert. The reader
 * state decides: no card, another ATR, or a moved event counter means the card this handle
 * connected to went away. The same card reinserted on a platform without an event counter is
 * indistinguishable from a reset and stays RESET.
 */
export class RemovedCardRemap extends HandleStateDriver<CardSeen> {
  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    if (outcome.ok) {
      const state = await currentReaderState(this.inner, context, reader);
      this.remember(context, outcome.value.handle, { context, reader, atr: state?.atr ?? new Uint8Array(0), counter: eventCounterOf(state?.eventState ?? 0) });
    }
    return outcome;
  }

  override async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const outcome = await this.inner.transmit(handle, protocol, command, receiveLength);
    return outcome.rc === SCARD_W_RESET_CARD ? fail(await this.decide(handle)) : outcome;
  }

  override async beginTransaction(handle: HandleId): Promise<number> {
    const code = await this.inner.beginTransaction(handle);
    return code === SCARD_W_RESET_CARD ? this.decide(handle) : code;
  }

  override async endTransaction(handle: HandleId, disposition: number): Promise<number> {
    const code = await this.inner.endTransaction(handle, disposition);
    return code === SCARD_W_RESET_CARD ? this.decide(handle) : code;
  }

  override async reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    const outcome = await this.inner.reconnect(handle, shareMode, protocols, initialization);
    const seen = this.stateOf(handle);
    if (outcome.rc === SCARD_S_SUCCESS && seen) {
      const state = await currentReaderState(this.inner, seen.context, seen.reader);
      seen.atr = state?.atr ?? new Uint8Array(0);
      seen.counter = eventCounterOf(state?.eventState ?? 0);
    }
    return outcome;
  }

  private async decide(handle: HandleId): Promise<number> {
    const seen = this.stateOf(handle);
    if (!seen) return SCARD_W_RESET_CARD;
    const state = await currentReaderState(this.inner, seen.context, seen.reader);
    if (state === undefined) return SCARD_W_RESET_CARD;
    const present = (state.eventState & SCARD_STATE_PRESENT) !== 0;
    const counterMoved = this.inner.capabilities.eventCounter && eventCounterOf(state.eventState) !== seen.counter;
    return !present || !sameBytes(state.atr, seen.atr) || counterMoved ? SCARD_W_REMOVED_CARD : SCARD_W_RESET_CARD;
  }
}
