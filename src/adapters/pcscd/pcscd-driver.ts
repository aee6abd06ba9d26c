import {
  type BatchControl,
  fail,
  succeed,
  type CardStatusResult,
  type ConnectResult,
  type ContextId,
  type HandleId,
  type Outcome,
  type PcscDriver,
  type ReaderStateQuery,
  type ReaderStateResult,
} from '../../driver/pcsc-driver';
import { defaultReceiveLength } from '../../driver/receive-length';
import {
  SCARD_E_CANCELLED,
  SCARD_E_INSUFFICIENT_BUFFER,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_NO_SERVICE,
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_READERS_AVAILABLE,
  SCARD_E_READER_UNAVAILABLE,
  SCARD_E_UNKNOWN_READER,
  SCARD_S_SUCCESS,
} from '../../driver/return-codes';
import { SCARD_SCOPE_SYSTEM } from '../../driver/scard-constants';
import { hostPlatform } from '../host-platform';
import { cancelWaits } from './cancel-wait';
import { ContextLink, type NegotiatedVersion, type WaitTicket } from './context-link';
import type { PcscdReader } from './reader-table';
import * as codec from './message-codec';
import { retryWhileShared } from './sharing-retry';
import { tableQuery, thenRead } from './reader-table-query';
import { DEFAULT_REPLY_STALL_BOUND_MS, ServiceLinkError, ServiceSocket } from './service-socket';
import { brokenExchangeCode } from './broken-exchange';
import { checkSocketPath, pcscdSocketPath } from '../../driver/pcscd-socket-path';
import { statusChange } from './status-change';
import { pipelineTransmits } from './transmit-pipeline';
import { negotiateVersion } from './version-handshake';
import { ATTRIBUTE_SIZE, Command, MAX_DATA_SIZE, READER_NAME_SIZE } from './wire-layout';

import { PCSCD_CAPABILITIES as CAPABILITIES } from '../binding-capabilities';

export { CAPABILITIES };

/**
 * A card handle. pcscd serves each socket on a thread of its own and strictly in order, so every
 * handle gets a context and socket of its own (as npm pcsclite gives each reader its own context):
 * commands to cards in different readers then run in parallel, and a card that never answers
 * holds up only its own socket.
 */
interface OpenCard {
  /** The handle's own context, on its own socket: every call on the handle goes there. */
  readonly link: ContextLink;
  /** The application's context the handle was connected through; releasing it ends the handle. */
  readonly owner: ContextLink;
  readonly card: number;
  readonly reader: string;
}

/** Where the 'pcscd' driver finds the daemon, and how long closing waits. */
export interface PcscdDriverOptions {
  /**
   * The socket pcscd serves; default from PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm. Any
   * unix socket that leads to a pcscd will do, e.g. one forwarded from another machine by
   * `ssh -L` (see docs/remote-readers.md). A path that cannot be a socket's is an InvalidArgumentError.
   */
  readonly socketPath?: string;
  /**
   * How long disconnect and release wait for a conversation ahead of them (a card that never
   * answers) before the context's socket is closed. Default 3000 ms.
   */
  readonly settlingBoundMs?: number;
  /**
   * How long a reply that has begun may pause before the call gives up: the socket is dropped and
   * the call answers SCARD_E_NO_SERVICE. pcscd writes each reply at once, so a pause inside one is
   * a daemon that broke off. Default 3000 ms.
   */
  readonly replyStallBoundMs?: number;
}

/** See PcscdDriverOptions.settlingBoundMs. */
const SETTLING_BOUND_MS = 3000;

/** The call's result, or undefined when it has not settled within `boundMs`. */
function within<T>(call: Promise<T>, boundMs: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), boundMs);
    call.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * PcscDriver speaking pcscd's client socket protocol directly, as libpcsclite does: one socket per
 * context, every SCard* call (transactions, attributes, status, reconnect, cancel included), no
 * native code and no thread pool.
 */
export class PcscdDriver implements PcscDriver {
  readonly name = 'pcscd';
  readonly platform = hostPlatform();
  readonly capabilities = CAPABILITIES;
  /** The socket the driver talks to pcscd on. */
  readonly socketPath: string;

  private readonly contexts = new Map<ContextId, ContextLink>();
  private readonly cards = new Map<HandleId, OpenCard>();
  /** Second sockets that read the reader table while a context's own socket is busy. */
  private readonly spares = new Map<ContextLink, Promise<Outcome<ContextLink>>>();
  /**
   * Per context, the socket (with its own pcscd context) of a handle disconnected cleanly, kept
   * for the context's next connect: a connect on it is one round trip instead of four (socket,
   * version, establish, connect).
   */
  private readonly reusable = new Map<ContextLink, ContextLink>();
  private readonly settlingBoundMs: number;
  private readonly replyStallBoundMs: number;
  private nextId = 1;

  constructor(options: PcscdDriverOptions = {}) {
    this.socketPath = options.socketPath === undefined ? pcscdSocketPath() : checkSocketPath(options.socketPath, 'socketPath', 'PcscdDriver');
    this.settlingBoundMs = options.settlingBoundMs ?? SETTLING_BOUND_MS;
    this.replyStallBoundMs = options.replyStallBoundMs ?? DEFAULT_REPLY_STALL_BOUND_MS;
  }

  /** The protocol spoken by the most recent context (for diagnostics). */
  lastVersion: NegotiatedVersion | undefined;

  async establishContext(): Promise<Outcome<ContextId>> {
    const link = await this.openLink();
    if (!link.ok) return link;
    const id = this.nextId++;
    this.contexts.set(id, link.value);
    return succeed(id);
  }

  async releaseContext(context: ContextId): Promise<number> {
    const link = this.contexts.get(context);
    if (!link) return SCARD_E_INVALID_HANDLE;
    this.contexts.delete(context);
    link.closing = true;
    this.closeSpare(link);
    this.closeReusable(link);
    try {
      await cancelWaits(link, this.socketPath);
      // pcscd ends the handles inside SCardReleaseContext, before it answers; closing their
      // sockets would leave that to its threads, after this call resolved. One after the other in
      // the order they were made, as pcscd walks a context's handles: ended at once, a handle
      // could still count as connected when another one's lock is gone, and an exclusive connect
      // waiting for that lock would be refused.
      for (const [handle, open] of [...this.cards]) if (open.owner === link) await this.releaseCard(handle, open);
      // Closing the socket releases the context too: a conversation stuck ahead (a mute card) is not waited for past the bound.
      const released = await within(
        link.converse(() => link.exchange(codec.releaseRequest(link.context), codec.releaseReply)),
        this.settlingBoundMs,
      );
      return released ?? SCARD_S_SUCCESS;
    } catch (error) {
      return codeOf(error);
    } finally {
      link.socket.close(SCARD_E_INVALID_HANDLE);
    }
  }

  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.onIdleLink(context, async (link) => {
      const names = (await link.readers()).map((reader) => reader.name);
      return names.length === 0 ? fail(SCARD_E_NO_READERS_AVAILABLE) : succeed(names);
    });
  }

  async getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const link = this.contexts.get(context);
    if (!link || link.closing) return fail(SCARD_E_INVALID_HANDLE);
    // A poll reads the reader table only: it need not wait behind a command to a card.
    if (timeoutMs === 0 && link.busy) return this.onIdleLink(context, (idle) => statusChange(idle, { cancelled: false, parked: false }, queries, 0));
    const ticket: WaitTicket = { cancelled: false, parked: false };
    link.waits.add(ticket);
    try {
      return await link.converse(() => statusChange(link, ticket, queries, Math.max(0, timeoutMs)));
    } catch (error) {
      if (ticket.cancelled && error instanceof ServiceLinkError) return fail(SCARD_E_CANCELLED);
      return fail(codeOf(error));
    } finally {
      link.waits.delete(ticket);
    }
  }

  async cancel(context: ContextId): Promise<number> {
    const link = this.contexts.get(context);
    if (!link || link.closing) return SCARD_E_INVALID_HANDLE;
    return cancelWaits(link, this.socketPath);
  }

  async connect(context: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>> {
    const nameLength = Buffer.byteLength(reader, 'utf8');
    if (nameLength > READER_NAME_SIZE) return fail(SCARD_E_INVALID_VALUE);
    const name = codec.readerNameBytes(reader);
    if (!name) return fail(SCARD_E_UNKNOWN_READER);
    const owner = this.contexts.get(context);
    if (!owner || owner.closing) return fail(SCARD_E_INVALID_HANDLE);
    // The handle gets a socket of its own, but like libpcsclite the call belongs to the context:
    // a context whose daemon went away answers as its socket would, even if a new daemon listens.
    if (!owner.socket.isOpen) return fail(SCARD_E_NO_SERVICE);
    const opened = this.takeReusable(owner) ?? (await this.openLink());
    if (!opened.ok) return opened;
    const link = opened.value;
    let connected = false;
    try {
      if (owner.closing) return fail(SCARD_E_INVALID_HANDLE);
      const reply = await link.converse(() => link.exchange(codec.connectRequest(link.context, name, shareMode, preferredProtocols), codec.connectReply));
      if (reply.rv !== SCARD_S_SUCCESS) return fail(reply.rv);
      if (owner.closing) return fail(SCARD_E_INVALID_HANDLE);
      const handle = this.nextId++;
      this.cards.set(handle, { link, owner, card: reply.handle, reader });
      connected = true;
      return succeed({ handle, protocol: reply.protocol });
    } catch (error) {
      return this.failure(error, link);
    } finally {
      if (!connected) link.socket.close();
    }
  }

  async reconnect(handle: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>> {
    return this.onCard(handle, async (open) => {
      const reply = await retryWhileShared(
        () =>
          open.link.converse(() => open.link.exchange(codec.reconnectRequest(open.card, shareMode, preferredProtocols, initialization), codec.reconnectReply)),
        (answer) => answer.rv,
        () => open.link.closing,
      );
      return reply.rv === SCARD_S_SUCCESS ? succeed(reply.protocol) : fail(reply.rv);
    });
  }

  async status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.onCard(handle, async (open) => {
      const { link } = open;
      const answer = await retryWhileShared(
        () =>
          link.converse(async () => {
            const { readers, rv } = await statusWithTable(link, open.card);
            const reader = readers.find((candidate) => candidate.name === open.reader);
            return reader ? { rv, reader } : { rv: SCARD_E_READER_UNAVAILABLE, reader };
          }),
        (result) => result.rv,
        () => link.closing,
      );
      if ((answer.rv !== SCARD_S_SUCCESS && answer.rv !== SCARD_E_INSUFFICIENT_BUFFER) || !answer.reader) return fail(answer.rv);
      const { reader } = answer;
      return succeed({
        reader: open.reader,
        state: ((reader.eventCounter << 16) + reader.readerState) >>> 0,
        protocol: reader.protocol,
        atr: reader.atr,
      });
    });
  }

  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const open = this.cards.get(handle);
    if (!open || open.link.closing) return Promise.resolve(fail(SCARD_E_INVALID_HANDLE));
    if (command.length > MAX_DATA_SIZE) return Promise.resolve(fail(SCARD_E_INSUFFICIENT_BUFFER));
    const offered = receiveLength ?? defaultReceiveLength(command);
    const { link, card } = open;
    const attempt = (): Promise<codec.DataReply> =>
      link.converse(() => link.exchange(codec.transmitRequest(card, protocol, command, offered), codec.transmitReply(offered)));
    return retryWhileShared(attempt, rvOfReply, link.isClosing).then(
      (reply) => (reply.rv === SCARD_S_SUCCESS && reply.data ? succeed(reply.data) : fail(reply.rv)),
      (error: unknown) => this.failure(error, link),
    );
  }

  /**
   * Writes up to PIPELINE_WINDOW TRANSMITs before reading the first answer: pcscd serves the
   * handle's socket in order, so the answers come back in the order of the commands. See
   * pipelineTransmits for sharing violations; a broken link ends the batch with its code.
   */
  async transmitBatch(handle: HandleId, protocol: number, commands: readonly Uint8Array[], control: BatchControl): Promise<readonly Outcome<Uint8Array>[]> {
    const open = this.cards.get(handle);
    if (!open || open.link.closing) return commands.length === 0 ? [] : [fail(SCARD_E_INVALID_HANDLE)];
    const tooLong = commands.findIndex((command) => command.length > MAX_DATA_SIZE);
    // Commands up to a too-long one go as a batch; the too-long one fails as transmit() would fail it.
    if (tooLong === 0) return [fail(SCARD_E_INSUFFICIENT_BUFFER)];
    const sent = tooLong < 0 ? commands : commands.slice(0, tooLong);
    const { link, card } = open;
    const answered: Outcome<Uint8Array>[] = [];
    try {
      await link.converse(() => pipelineTransmits(link, card, protocol, sent, control, answered));
    } catch (error) {
      answered.push(this.failure(error, link));
      return answered;
    }
    if (tooLong > 0 && answered.length === sent.length && !answered.some((outcome) => !outcome.ok) && !control.stopped()) {
      answered.push(fail(SCARD_E_INSUFFICIENT_BUFFER));
    }
    return answered;
  }

  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    if (data.length > MAX_DATA_SIZE) return this.onCard(handle, async () => fail(SCARD_E_INSUFFICIENT_BUFFER));
    return this.onCard(handle, async ({ link, card }) => {
      const reply = await link.converse(() => link.exchange(codec.controlRequest(card, controlCode, data, MAX_DATA_SIZE), codec.controlReply(MAX_DATA_SIZE)));
      return reply.rv === SCARD_S_SUCCESS && reply.data ? succeed(reply.data) : fail(reply.rv);
    });
  }

  getAttribute(handle: HandleId, attributeId: number): Promise<Outcome<Uint8Array>> {
    return this.onCard(handle, async ({ link, card }) => {
      const reply = await link.converse(() => link.exchange(codec.attribRequest(Command.GET_ATTRIB, card, attributeId), codec.attribReply));
      return reply.rv === SCARD_S_SUCCESS && reply.data ? succeed(reply.data) : fail(reply.rv);
    });
  }

  async setAttribute(handle: HandleId, attributeId: number, value: Uint8Array): Promise<number> {
    if (value.length > ATTRIBUTE_SIZE) return this.cards.has(handle) ? SCARD_E_INSUFFICIENT_BUFFER : SCARD_E_INVALID_HANDLE;
    return this.rcOnCard(handle, async ({ link, card }) => {
      const reply = await link.converse(() => link.exchange(codec.attribRequest(Command.SET_ATTRIB, card, attributeId, value), codec.attribReply));
      return reply.rv;
    });
  }

  beginTransaction(handle: HandleId): Promise<number> {
    return this.rcOnCard(handle, ({ link, card }) =>
      retryWhileShared(
        () => link.converse(() => link.exchange(codec.beginRequest(card), codec.beginReply)),
        (rv) => rv,
        () => link.closing,
      ),
    );
  }

  endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.rcOnCard(handle, ({ link, card }) => link.converse(() => link.exchange(codec.endRequest(card, disposition), codec.endReply)));
  }

  /**
   * Settles within the settling bound. A conversation that holds the handle's socket past it (a
   * card that never answers) is given up: the socket is closed, which makes pcscd end the handle,
   * and the stuck call answers SCARD_E_CANCELLED. Not SCARD_E_INVALID_HANDLE: that code also
   * means the service is gone, and the application's own disconnect of one handle says nothing
   * about the service nor about its other handles.
   */
  disconnect(handle: HandleId, disposition: number): Promise<number> {
    return this.rcOnCard(handle, async (open) => {
      const { link, card } = open;
      const rv = await within(
        link.converse(() => link.exchange(codec.disconnectRequest(card, disposition), codec.disconnectReply)),
        this.settlingBoundMs,
      );
      if (rv === undefined) this.closeCard(handle, open, SCARD_E_CANCELLED);
      else if (rv === SCARD_S_SUCCESS) this.keepOrCloseCard(handle, open);
      return rv ?? SCARD_S_SUCCESS;
    });
  }

  async dispose(): Promise<void> {
    const links = [...this.contexts.values(), ...[...this.cards.values()].map((open) => open.link)];
    for (const link of links) this.closeSpare(link);
    links.push(...this.reusable.values());
    this.reusable.clear();
    this.contexts.clear();
    this.cards.clear();
    await Promise.all(
      links.map(async (link) => {
        link.closing = true;
        for (const ticket of link.waits) ticket.cancelled = true;
        // Closing the socket is pcscd's release: it ends the context, its handles and transactions.
        link.socket.close(SCARD_E_CANCELLED);
      }),
    );
  }

  private async openLink(): Promise<Outcome<ContextLink>> {
    let socket: ServiceSocket;
    try {
      socket = await ServiceSocket.open(this.socketPath, this.replyStallBoundMs);
    } catch (error) {
      return fail(codeOf(error));
    }
    try {
      const version = await negotiateVersion(socket, this.socketPath);
      socket.send(codec.establishRequest(SCARD_SCOPE_SYSTEM));
      socket.hold();
      const reply = await socket.read(codec.establishReply).finally(() => socket.release());
      if (reply.rv !== SCARD_S_SUCCESS) {
        socket.close();
        return fail(reply.rv);
      }
      this.lastVersion = version;
      return succeed(new ContextLink(socket, reply.context, version));
    } catch (error) {
      socket.close();
      return fail(codeOf(error));
    }
  }

  /**
   * A call that reads only the reader table, on the context's socket, or on a second socket while
   * the first is busy: a command to a card that never answers must not hold up the reader list.
   */
  private async onIdleLink<T>(context: ContextId, call: (link: ContextLink) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const link = this.contexts.get(context);
    if (!link || link.closing) return fail(SCARD_E_INVALID_HANDLE);
    if (!link.busy) return this.onContext(context, call);
    let spare = this.spares.get(link);
    if (!spare) {
      spare = this.openLink();
      this.spares.set(link, spare);
    }
    const opened = await spare;
    if (!opened.ok) {
      if (this.spares.get(link) === spare) this.spares.delete(link);
      return opened;
    }
    const idle = opened.value;
    try {
      return await idle.converse(() => call(idle));
    } catch (error) {
      return this.failure(error, idle);
    }
  }

  /** A kept socket of `owner`'s, when one is there and still open. */
  private takeReusable(owner: ContextLink): Outcome<ContextLink> | undefined {
    const link = this.reusable.get(owner);
    if (!link) return undefined;
    this.reusable.delete(owner);
    if (link.closing || !link.socket.isOpen) {
      link.socket.close(SCARD_E_INVALID_HANDLE);
      return undefined;
    }
    return succeed(link);
  }

  /** After a clean SCardDisconnect the handle's socket and context are idle: kept for the owner's next connect (one per context). */
  private keepOrCloseCard(handle: HandleId, open: OpenCard): void {
    const { owner, link } = open;
    if (owner.closing || this.reusable.has(owner) || link.busy || !link.socket.isOpen) {
      this.closeCard(handle, open);
      return;
    }
    this.cards.delete(handle);
    this.reusable.set(owner, link);
  }

  private closeReusable(owner: ContextLink): void {
    const link = this.reusable.get(owner);
    this.reusable.delete(owner);
    if (link) {
      link.closing = true;
      link.socket.close(SCARD_E_INVALID_HANDLE);
    }
  }

  private closeSpare(link: ContextLink): void {
    const spare = this.spares.get(link);
    this.spares.delete(link);
    void spare?.then((opened) => {
      if (opened.ok) {
        opened.value.closing = true;
        opened.value.socket.close(SCARD_E_INVALID_HANDLE);
      }
    });
  }

  /**
   * Ends a handle: its socket is closed, so pcscd ends its context (a card still connected is reset).
   * A call still in flight on it answers `inFlight`.
   */
  private closeCard(handle: HandleId, open: OpenCard, inFlight: number = SCARD_E_INVALID_HANDLE): void {
    this.cards.delete(handle);
    open.link.closing = true;
    open.link.socket.close(inFlight);
  }

  /**
   * Ends a handle of a released context and waits until pcscd has: the release of the handle's
   * own context makes pcscd disconnect it as it does every handle of a released context (the
   * handle holding the reader's lock resets the card unless it was reset or removed meanwhile)
   * before it answers. A conversation stuck ahead past the settling bound is given up.
   */
  private async releaseCard(handle: HandleId, open: OpenCard): Promise<void> {
    this.cards.delete(handle);
    const { link } = open;
    link.closing = true;
    try {
      await within(
        link.converse(() => link.exchange(codec.releaseRequest(link.context), codec.releaseReply)),
        this.settlingBoundMs,
      );
    } catch (error) {
      // The service went away: nothing is left to end but the socket.
      if (!(error instanceof ServiceLinkError)) throw error;
    } finally {
      link.socket.close(SCARD_E_INVALID_HANDLE);
    }
  }

  private async onContext<T>(context: ContextId, call: (link: ContextLink) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const link = this.contexts.get(context);
    if (!link || link.closing) return fail(SCARD_E_INVALID_HANDLE);
    try {
      return await link.converse(() => call(link));
    } catch (error) {
      return this.failure(error, link);
    }
  }

  private async onCard<T>(handle: HandleId, call: (open: OpenCard) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const open = this.cards.get(handle);
    if (!open || open.link.closing) return fail(SCARD_E_INVALID_HANDLE);
    try {
      return await call(open);
    } catch (error) {
      return this.failure(error, open.link);
    }
  }

  private async rcOnCard(handle: HandleId, call: (open: OpenCard) => Promise<number>): Promise<number> {
    const open = this.cards.get(handle);
    if (!open || open.link.closing) return SCARD_E_INVALID_HANDLE;
    try {
      return await call(open);
    } catch (error) {
      return this.failure(error, open.link).rc;
    }
  }

  /** A failed exchange as a return code, a malformed answer included (see brokenExchangeCode). */
  private failure<T>(error: unknown, link: ContextLink): Outcome<T> {
    if (error instanceof ServiceLinkError && link.closing) return fail(closedLinkCode(error));
    return fail(codeOf(error));
  }
}

/**
 * SCardStatus is the reader table then STATUS, as libpcsclite asks for them; pcscd serves a socket
 * strictly in order, so all of it goes out in one write and costs one round trip.
 */
function statusWithTable(link: ContextLink, card: number): Promise<{ readonly readers: readonly PcscdReader[]; readonly rv: number }> {
  const table = tableQuery(link.version);
  return link.exchange(
    Buffer.concat([table.request, codec.statusRequest(card)]),
    thenRead(table.reply, codec.statusReply, (readers, rv) => ({ readers, rv })),
  );
}

const rvOfReply = (reply: codec.DataReply): number => reply.rv;

/** What a call in flight answers when this driver closed its link: a given-up call is cancelled, any other finds its handle gone. */
function closedLinkCode(error: ServiceLinkError): number {
  return error.code === SCARD_E_CANCELLED ? SCARD_E_CANCELLED : SCARD_E_INVALID_HANDLE;
}

/** A broken exchange as a return code (see brokenExchangeCode); any other error is the driver's own bug and stays a rejection. */
function codeOf(error: unknown): number {
  const code = brokenExchangeCode(error);
  if (code === undefined) throw error;
  return code;
}
