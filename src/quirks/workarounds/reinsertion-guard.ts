import { type CardStatusResult, type ConnectResult, type ContextId, type HandleId, type Outcome, type PcscDriver, fail } from '../../driver/pcsc-driver';
import { SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD } from '../../driver/return-codes';
import { SCARD_SHARE_DIRECT } from '../../driver/scard-constants';
import { HandleStateDriver } from './handle-state-driver';
import { currentReaderState } from './reader-state';
import { PresenceWatch } from './presence-watch';

interface Connection {
  readonly reader: string;
  /** The reader showed no card at some point since this handle connected. */
  cardWasOut: boolean;
}

/**
 * Without an event counter, a card taken out and put back (the same card, or one with the same
 * ATR) leaves no trace in the reader state, and macOS 10.13+ then answers SCARD_W_RESET_CARD where
 * pcsc-lite answers SCARD_W_REMOVED_CARD: a caller that reconnects after a "reset" would replay its
 * set-up commands on what may be another card. This decorator watches the presence of every reader with a
 * connected handle (PresenceWatch); once a reader showed no card, each handle connected to it before
 * gets SCARD_W_REMOVED_CARD from its next call, without the call reaching the card, until it
 * reconnects. An absence the service never reports to a waiting SCardGetStatusChange (shorter than
 * its own polling of the reader, or over while the watch re-arms its wait) cannot be seen.
 * The quirk profile turns it on where the platform has no event counter, whatever the driver claims.
 */
export class ReinsertionGuard extends HandleStateDriver<Connection> {
  private readonly watch: PresenceWatch;

  constructor(inner: PcscDriver, pollMs?: number) {
    super(inner);
    this.watch = new PresenceWatch(inner, (reader) => this.cardOut(reader), pollMs);
  }

  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    // A direct connection talks to the reader and may have no card at all: there is nothing to lose.
    if (outcome.ok && shareMode !== SCARD_SHARE_DIRECT) {
      this.remember(context, outcome.value.handle, { reader, cardWasOut: false });
      this.watch.add(reader, (await currentReaderState(this.inner, context, reader))?.eventState);
    }
    return outcome;
  }

  override async reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    const outcome = await this.inner.reconnect(handle, shareMode, protocols, initialization);
    const connection = this.stateOf(handle);
    // Reconnecting takes whatever card is in the reader now: the absence before no longer counts.
    if (outcome.ok && connection) connection.cardWasOut = false;
    return outcome;
  }

  override async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    if (this.wasOut(handle)) return fail(SCARD_W_REMOVED_CARD);
    const outcome = await this.inner.transmit(handle, protocol, command, receiveLength);
    return !outcome.ok && this.removedNow(handle, outcome.rc) ? fail(SCARD_W_REMOVED_CARD) : outcome;
  }

  override async control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    if (this.wasOut(handle)) return fail(SCARD_W_REMOVED_CARD);
    const outcome = await this.inner.control(handle, controlCode, data);
    return !outcome.ok && this.removedNow(handle, outcome.rc) ? fail(SCARD_W_REMOVED_CARD) : outcome;
  }

  override async status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    if (this.wasOut(handle)) return fail(SCARD_W_REMOVED_CARD);
    const outcome = await this.inner.status(handle);
    return !outcome.ok && this.removedNow(handle, outcome.rc) ? fail(SCARD_W_REMOVED_CARD) : outcome;
  }

  override async beginTransaction(handle: HandleId): Promise<number> {
    if (this.wasOut(handle)) return SCARD_W_REMOVED_CARD;
    const code = await this.inner.beginTransaction(handle);
    return this.removedNow(handle, code) ? SCARD_W_REMOVED_CARD : code;
  }

  override async endTransaction(handle: HandleId, disposition: number): Promise<number> {
    if (this.wasOut(handle)) return SCARD_W_REMOVED_CARD;
    const code = await this.inner.endTransaction(handle, disposition);
    return this.removedNow(handle, code) ? SCARD_W_REMOVED_CARD : code;
  }

  override async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const code = await super.disconnect(handle, disposition);
    this.watchConnectedReadersOnly();
    return code;
  }

  override async releaseContext(context: ContextId): Promise<number> {
    const code = await super.releaseContext(context);
    this.watchConnectedReadersOnly();
    return code;
  }

  override async dispose(): Promise<void> {
    await this.watch.stop();
    return this.inner.dispose();
  }

  private wasOut(handle: HandleId): boolean {
    return this.stateOf(handle)?.cardWasOut === true;
  }

  private watchConnectedReadersOnly(): void {
    this.watch.keepOnly(new Set(this.rememberedStates().map((connection) => connection.reader)));
  }

  /** A reset reported for a handle whose card the watch saw leave meanwhile was a removal. */
  private removedNow(handle: HandleId, code: number): boolean {
    return code === SCARD_W_RESET_CARD && this.wasOut(handle);
  }

  private cardOut(reader: string): void {
    for (const connection of this.rememberedStates()) {
      if (connection.reader === reader) connection.cardWasOut = true;
    }
  }
}
