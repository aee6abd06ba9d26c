import * as rc from '../../driver/return-codes';
import {
  SCARD_ABSENT,
  SCARD_INFINITE,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_RAW,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_PROTOCOL_UNDEFINED,
  SCARD_RESET_CARD,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_UNPOWER_CARD,
} from '../../driver/scard-constants';
import {
  type CardStatusResult,
  type ConnectResult,
  type ContextId,
  type HandleId,
  type Outcome,
  type PcscDriver,
  type ReaderStateQuery,
  type ReaderStateResult,
  fail,
  succeed,
} from '../../driver/pcsc-driver';
import { defaultReceiveLength } from '../../driver/receive-length';
import { isServiceLoss } from '../../errors/code-kinds';
import { hostPlatform } from '../host-platform';
import { ContextCalls } from './context-calls';
import { codeFromSmartcardError } from './error-code';
import { loadSmartcardAddon } from './load-addon';
import type { SmartcardAddon, SmartcardCard, SmartcardContext, SmartcardReader, SmartcardReaderState } from './native-types';

import { SMARTCARD_CAPABILITIES } from '../binding-capabilities';

export { SMARTCARD_CAPABILITIES };

interface OpenContext {
  readonly native: SmartcardContext;
  readonly calls: ContextCalls;
}

/**
 * How long ending a connection waits for the card's call ahead of it. Past it the connection is
 * abandoned (ended once that call returns): within the worker's own bound for the ending call,
 * past which the whole worker process would be killed with every other card it serves.
 */
const SETTLING_BOUND_MS = 2000;

interface OpenCard {
  readonly card: SmartcardCard;
  /** The PC/SC context made for this card alone: a card that never answers holds up only its own calls. */
  readonly native: SmartcardContext;
  readonly calls: ContextCalls;
  readonly context: ContextId;
  readonly reader: string;
  /**
   * The handle holds the reader's lock: it was connected or reconnected exclusive. pcscd keeps
   * the lock when a reconnect makes such a handle shared or direct, so releasing its context
   * still resets the card.
   */
  holdsLock: boolean;
  /**
   * The code of a disconnect that failed (the service was gone). libpcsclite keeps such a handle
   * and every later call on it answers the same; the addon forgets its card all the same.
   */
  failedDisconnect?: number;
}

/** The protocol header the addon sends for a handle with `protocol` (see refuseLikePcscd). */
function addonHeader(protocol: number): number {
  return protocol === SCARD_PROTOCOL_T0 || protocol === SCARD_PROTOCOL_T1 ? protocol : SCARD_PROTOCOL_RAW;
}

function failed<T>(error: unknown): Outcome<T> {
  return fail(codeFromSmartcardError(error));
}

/** A release answers the service's loss: the addon drops SCardReleaseContext's own code. */
function serviceLossCode(code: number): number {
  return isServiceLoss(code) ? code : rc.SCARD_S_SUCCESS;
}

/**
 * PcscDriver over the `smartcard` N-API addon, in this process; it adds SCardStatus and SCardReconnect.
 * The addon makes some calls on the main thread (establish, list readers, status, disconnect,
 * release), which block it while pcscd does not answer; SmartcardDriver runs this class in a worker
 * process for that reason.
 */
export class NativeSmartcardDriver implements PcscDriver {
  readonly name = 'smartcard';
  readonly platform = hostPlatform();
  readonly capabilities = SMARTCARD_CAPABILITIES;

  private readonly addon: SmartcardAddon;
  private readonly contexts = new Map<ContextId, OpenContext>();
  private readonly cards = new Map<HandleId, OpenCard>();
  private nextId = 1;

  constructor(addon: SmartcardAddon = loadSmartcardAddon()) {
    this.addon = addon;
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    try {
      const native = new this.addon.Context();
      const id = this.nextId++;
      this.contexts.set(id, { native, calls: new ContextCalls() });
      return succeed(id);
    } catch (error) {
      return failed(error);
    }
  }

  async releaseContext(context: ContextId): Promise<number> {
    const found = this.contexts.get(context);
    if (!found) return rc.SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    try {
      await found.calls.cancelWaits(() => found.native.cancel());
      // Disconnected first: pcscd would do it inside SCardReleaseContext, which the addon runs on
      // the main thread, and there it can wait on a card served by this very process.
      const ending = [...this.cards].filter(([, open]) => open.context === context);
      await Promise.all(
        ending.map(async ([handle, open]) => {
          if (open.failedDisconnect === undefined) {
            if (await open.calls.idleWithin(SETTLING_BOUND_MS)) await this.disconnect(handle, await this.releaseDisposition(open));
            else this.abandon(open);
          }
          this.cards.delete(handle);
        }),
      );
      // The addon drops SCardReleaseContext's code, which tells a context the service took with it;
      // a call on the context tells the same (the context is released either way).
      const lost = await found.calls
        .foreground(() => found.native.listReaders())
        .then(
          () => rc.SCARD_S_SUCCESS,
          (error: unknown) => serviceLossCode(codeFromSmartcardError(error)),
        );
      await found.calls.foreground(() => found.native.close());
      return lost;
    } catch (error) {
      return codeFromSmartcardError(error);
    }
  }

  /**
   * What pcscd does with a handle of a released context: it leaves the card, except that a handle
   * holding the reader exclusively resets it unless the card was reset or removed meanwhile.
   */
  private async releaseDisposition(open: OpenCard): Promise<number> {
    if (!open.holdsLock) return SCARD_LEAVE_CARD;
    const event = await open.calls
      .foreground(() => open.card.getStatus())
      .then(
        () => rc.SCARD_S_SUCCESS,
        (error: unknown) => codeFromSmartcardError(error),
      );
    return event === rc.SCARD_W_RESET_CARD || event === rc.SCARD_W_REMOVED_CARD ? SCARD_LEAVE_CARD : SCARD_RESET_CARD;
  }

  async listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    const found = this.contexts.get(context);
    if (!found) return fail(rc.SCARD_E_INVALID_HANDLE);
    try {
      // A card call that never ends (a mute card) would hold this context's list forever; another
      // context lists the same readers at once.
      const listed = found.calls.busy ? this.listThroughSpareContext() : await found.calls.foreground(() => found.native.listReaders());
      const names = listed.map((reader) => reader.name);
      if (names.length === 0) return fail(rc.SCARD_E_NO_READERS_AVAILABLE);
      return succeed(names);
    } catch (error) {
      return failed(error);
    }
  }

  private async pollThroughSpareContext(readers: Array<{ name: string; state: number }>): Promise<SmartcardReaderState[] | null> {
    const spare = new this.addon.Context();
    try {
      return await spare.waitForChange(readers, 0);
    } finally {
      spare.close();
    }
  }

  private listThroughSpareContext(): SmartcardReader[] {
    const spare = new this.addon.Context();
    try {
      return spare.listReaders();
    } finally {
      spare.close();
    }
  }

  async getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const found = this.contexts.get(context);
    if (!found) return fail(rc.SCARD_E_INVALID_HANDLE);
    const timeout = timeoutMs >= SCARD_INFINITE ? SCARD_INFINITE : Math.max(0, Math.floor(timeoutMs));
    const readers = queries.map((q) => ({ name: q.reader, state: q.currentState }));
    try {
      // pcsc-lite runs one call at a time per context: a poll behind a card call that never ends
      // would never run, so it asks through a context of its own.
      const { cancelled, value: states } =
        timeout === 0 && found.calls.busy
          ? { cancelled: false, value: await this.pollThroughSpareContext(readers) }
          : await found.calls.wait(() => found.native.waitForChange(readers, timeout));
      if (cancelled || states === null) return fail(rc.SCARD_E_CANCELLED);
      if (states.length === 0) return fail(rc.SCARD_E_TIMEOUT);
      return succeed(
        states.map((state, i) => ({
          reader: state.name,
          currentState: queries[i]?.currentState ?? 0,
          eventState: state.state >>> 0,
          atr: state.atr ? Uint8Array.from(state.atr) : new Uint8Array(0),
        })),
      );
    } catch (error) {
      return failed(error);
    }
  }

  async cancel(context: ContextId): Promise<number> {
    const found = this.contexts.get(context);
    if (!found) return rc.SCARD_E_INVALID_HANDLE;
    await found.calls.cancelWaits(() => found.native.cancel());
    return rc.SCARD_S_SUCCESS;
  }

  async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const found = this.contexts.get(context);
    if (!found) return fail(rc.SCARD_E_INVALID_HANDLE);
    try {
      // The application's context answers first: after the service restarted it answers with that
      // loss, where a new context would reach the new service.
      const listed = await found.calls.foreground(() => found.native.listReaders());
      if (!listed.some((candidate) => candidate.name === reader)) return fail(rc.SCARD_E_UNKNOWN_READER);
      return await this.connectInOwnContext(context, reader, shareMode, protocols);
    } catch (error) {
      return failed(error);
    }
  }

  /** Each card gets a context of its own: pcsc-lite runs one call at a time per context. */
  private async connectInOwnContext(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const native = new this.addon.Context();
    const calls = new ContextCalls(true);
    try {
      const target = native.listReaders().find((candidate) => candidate.name === reader);
      if (!target) {
        native.close();
        return fail(rc.SCARD_E_UNKNOWN_READER);
      }
      const card = await calls.background(() => target.connect(shareMode, protocols));
      if (!this.contexts.has(context)) {
        await calls.foreground(() => card.disconnect(SCARD_LEAVE_CARD)).catch(() => undefined);
        native.close();
        return fail(rc.SCARD_E_INVALID_HANDLE);
      }
      const handle = this.nextId++;
      this.cards.set(handle, { card, native, calls, context, reader, holdsLock: shareMode === SCARD_SHARE_EXCLUSIVE });
      return succeed({ handle, protocol: card.protocol });
    } catch (error) {
      native.close();
      return failed(error);
    }
  }

  async reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    const open = this.liveCard(handle);
    if (typeof open === 'number') return fail(open);
    try {
      const protocol = await open.calls.background(() => open.card.reconnect(shareMode, protocols, initialization));
      if (shareMode === SCARD_SHARE_EXCLUSIVE) open.holdsLock = true;
      return succeed(protocol);
    } catch (error) {
      return fail(await this.cardCallCode(open, error));
    }
  }

  async status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    const open = this.liveCard(handle);
    if (typeof open === 'number') return fail(open);
    try {
      const status = await open.calls.foreground(() => open.card.getStatus());
      return succeed({ reader: open.reader, state: status.state, protocol: status.protocol, atr: Uint8Array.from(status.atr) });
    } catch (error) {
      return failed(error);
    }
  }

  async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const open = this.liveCard(handle);
    if (typeof open === 'number') return fail(open);
    try {
      if (protocol !== addonHeader(open.card.protocol)) {
        const refused = await this.refuseLikePcscd(open, protocol);
        if (refused !== undefined) return fail(refused);
      }
      const data = Buffer.from(command.buffer, command.byteOffset, command.byteLength);
      const options = { maxRecvLength: receiveLength ?? defaultReceiveLength(command) };
      const response = await open.calls.background(() => open.card.transmit(data, options));
      return succeed(response);
    } catch (error) {
      return fail(await this.cardCallCode(open, error));
    }
  }

  /**
   * The addon ignores the protocol a transmit names: it sends the header of the handle's own
   * protocol (SCARD_PCI_RAW for a 'direct' handle, which pcscd passes to the reader even with no
   * card). For any other protocol than RAW, pcscd answers without reaching the reader when the
   * handle has a pending event, the reader has no card, or the protocol is not the reader's
   * negotiated one (SCARD_E_PROTO_MISMATCH); SCardStatus tells all three, so the same happens here.
   */
  private async refuseLikePcscd(open: OpenCard, protocol: number): Promise<number | undefined> {
    if (protocol === SCARD_PROTOCOL_RAW) return undefined;
    const status = await open.calls.foreground(() => open.card.getStatus());
    if (status.state & SCARD_ABSENT) return rc.SCARD_E_NO_SMARTCARD;
    if (status.protocol !== protocol) return rc.SCARD_E_PROTO_MISMATCH;
    return undefined;
  }

  async control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    const open = this.liveCard(handle);
    if (typeof open === 'number') return fail(open);
    try {
      const response = await open.calls.background(() => open.card.control(controlCode, Buffer.from(data)));
      return succeed(Uint8Array.from(response));
    } catch (error) {
      return fail(await this.cardCallCode(open, error));
    }
  }

  /** The addon has no SCardGetAttrib. */
  getAttribute(): Promise<Outcome<Uint8Array>> {
    return Promise.resolve(fail(rc.SCARD_E_UNSUPPORTED_FEATURE));
  }

  /** The addon has no SCardSetAttrib. */
  async setAttribute(): Promise<number> {
    return rc.SCARD_E_UNSUPPORTED_FEATURE;
  }

  async beginTransaction(): Promise<number> {
    return rc.SCARD_E_UNSUPPORTED_FEATURE;
  }

  async endTransaction(): Promise<number> {
    return rc.SCARD_E_UNSUPPORTED_FEATURE;
  }

  /**
   * Settles within the settling bound: a card whose call has not returned by then is abandoned (its
   * connection and context end once that call returns).
   */
  async disconnect(handle: HandleId, disposition: number): Promise<number> {
    const open = this.liveCard(handle);
    if (typeof open === 'number') return open;
    this.cards.delete(handle);
    if (!(await open.calls.idleWithin(SETTLING_BOUND_MS))) {
      this.abandon(open);
      return rc.SCARD_S_SUCCESS;
    }
    try {
      // The addon's disconnect runs on the main thread, where waiting for another application's
      // transaction (pcscd holds a card action until it ends) would block this process; a 'direct'
      // reconnect waits for it on the thread pool first. A reset is done by that reconnect (with no
      // protocol it leaves none negotiated, as SCardDisconnect does); a reconnect cannot leave the
      // card powered down, so SCARD_UNPOWER_CARD goes to SCardDisconnect itself.
      const reconnectWith = disposition === SCARD_RESET_CARD ? SCARD_RESET_CARD : SCARD_LEAVE_CARD;
      const closing = disposition === SCARD_UNPOWER_CARD ? SCARD_UNPOWER_CARD : SCARD_LEAVE_CARD;
      if (disposition === SCARD_RESET_CARD || disposition === SCARD_UNPOWER_CARD) {
        await open.calls.background(() => open.card.reconnect(SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED, reconnectWith)).catch(() => undefined);
      }
      await open.calls.foreground(() => open.card.disconnect(closing));
      await open.calls.foreground(() => open.native.close());
      return rc.SCARD_S_SUCCESS;
    } catch (error) {
      const code = codeFromSmartcardError(error);
      this.cards.set(handle, { ...open, failedDisconnect: code });
      return code;
    }
  }

  /**
   * A card whose call never returned (a mute card): its connection and context are ended once that
   * call returns (the card answers or leaves, or the service stops), or when this worker process ends,
   * which makes pcscd end them.
   */
  private abandon(open: OpenCard): void {
    void open.calls
      .foreground(() => open.card.disconnect(SCARD_LEAVE_CARD))
      .catch(() => undefined)
      .then(() => open.calls.foreground(() => open.native.close()))
      .catch(() => undefined);
  }

  /** The handle's card, or the code every call on the handle answers. */
  /**
   * The code of a failed call on a card handle. The addon names no code it has no phrase for
   * (SCARD_F_UNKNOWN_ERROR), among them SCARD_W_SECURITY_VIOLATION, which libpcsclite answers when
   * a killed daemon reset the card's own context's socket: that context, asked again, tells the
   * service gone from an unknown answer of a live one.
   */
  private async cardCallCode(open: OpenCard, error: unknown): Promise<number> {
    const code = codeFromSmartcardError(error);
    if (code !== rc.SCARD_F_UNKNOWN_ERROR) return code;
    const listed = await open.calls
      .foreground(() => open.native.listReaders())
      .then(
        () => rc.SCARD_S_SUCCESS,
        (listing: unknown) => codeFromSmartcardError(listing),
      );
    return isServiceLoss(listed) ? listed : code;
  }

  private liveCard(handle: HandleId): OpenCard | number {
    const open = this.cards.get(handle);
    if (!open) return rc.SCARD_E_INVALID_HANDLE;
    return open.failedDisconnect ?? open;
  }

  async dispose(): Promise<void> {
    for (const context of [...this.contexts.keys()]) await this.releaseContext(context);
  }
}
