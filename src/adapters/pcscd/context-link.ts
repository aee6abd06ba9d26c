import { SerialQueue } from '../../driver/serial-queue';
import { PcscdProtocolError } from './pcscd-protocol-error';
import type { PcscdReader } from './reader-table';
import { stopWaitingRequest, waitNotice } from './message-codec';
import { registeringTableQuery, tableQuery } from './reader-table-query';
import type { ReplyStep, ServiceSocket } from './service-socket';

/** The protocol a socket speaks after the handshake, and the daemon's own. */
export interface NegotiatedVersion {
  /** Major version of the protocol this socket speaks (4). */
  readonly major: number;
  /** Minor version of the protocol this socket speaks, e.g. 4 for 4.4. */
  readonly minor: number;
  /** Major version of the daemon's own protocol. */
  readonly serverMajor: number;
  /** Minor version of the daemon's own protocol, e.g. 6 for pcsc-lite 2.5's 4.6. */
  readonly serverMinor: number;
}

/** A getStatusChange of this context, from its call until it returns: cancel() marks it. */
export interface WaitTicket {
  cancelled: boolean;
  /** Registered with pcscd and waiting for its push: only a CANCEL on another socket reaches it now. */
  parked: boolean;
}

/**
 * One PC/SC context: its socket (pcscd binds the context and every card handle made through it to
 * that socket) and the order of conversations on it. A conversation is everything one port call
 * says and reads, retries included; the next waits until it ends.
 */
export class ContextLink {
  private readonly queue = new SerialQueue();
  readonly waits = new Set<WaitTicket>();
  /** Released or disposed: new calls answer SCARD_E_INVALID_HANDLE, loops stop at their next turn. */
  closing = false;
  /** `closing` as a function, made once (a retry loop asks it on every command). */
  readonly isClosing = (): boolean => this.closing;

  constructor(
    readonly socket: ServiceSocket,
    readonly context: number,
    readonly version: NegotiatedVersion,
  ) {}

  /** A conversation is running or queued. */
  get busy(): boolean {
    return !this.queue.idle;
  }

  get speaksReaderEvents(): boolean {
    return this.version.major === 4 && this.version.minor >= 5;
  }

  /** Runs one conversation after those queued before it. */
  converse<T>(conversation: () => Promise<T>): Promise<T> {
    return this.queue.run(conversation);
  }

  /** One request and its reply, keeping the process alive meanwhile. */
  exchange<T>(request: Uint8Array, reply: ReplyStep<T>): Promise<T> {
    const socket = this.socket;
    if (socket.isOpen && socket.hasUnreadBytes) {
      const error = new PcscdProtocolError('pcscd sent bytes nobody asked for.');
      socket.close();
      return Promise.reject(error);
    }
    return socket.request(request, reply);
  }

  /** pcscd's reader table (GET_READERS_STATE; from protocol 4.6 on, its size, then the array). */
  readers(): Promise<readonly PcscdReader[]> {
    const query = tableQuery(this.version);
    return this.exchange(query.request, query.reply);
  }

  /**
   * Registers the socket for pcscd's event push (WAIT_READER_STATE_CHANGE) and reads the reader
   * table. `registered` is false when the push came with it (it landed before the table, or the
   * table read as suspect: see RegisteredTable); then the table is one read after the registration
   * ended, which no push can interleave, and whatever changed since is in it.
   */
  async registerAndReadTable(): Promise<{ readonly table: readonly PcscdReader[]; readonly registered: boolean }> {
    const query = registeringTableQuery(this.version);
    const read = await this.exchange(query.request, query.reply);
    if (read.pushed) return { table: read.readers, registered: false };
    if (!read.suspect) return { table: read.readers, registered: true };
    // If the push landed inside the table, its last 8 bytes are still unread and pcscd answers no
    // STOP; if not, STOP's answer (or a push that crossed it) comes: either way 8 bytes follow.
    this.socket.send(stopWaitingRequest());
    this.socket.hold();
    try {
      await this.socket.read(waitNotice);
    } finally {
      this.socket.release();
    }
    return { table: await this.readers(), registered: false };
  }
}
