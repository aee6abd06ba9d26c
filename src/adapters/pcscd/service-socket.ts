import * as net from 'node:net';
import { SCARD_E_NO_SERVICE, SCARD_F_COMM_ERROR, SCARD_W_SECURITY_VIOLATION } from '../../driver/return-codes';
import { PcscdProtocolError } from './pcscd-protocol-error';

/** The socket to pcscd failed; `code` is what libpcsclite reports for the same failure. */
export class ServiceLinkError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceLinkError';
  }
}

/**
 * How a reply is read: `size` bytes are handed to `read`, which returns the reply or, when the
 * reply goes on (TRANSMIT's data after its struct), the next step. `read` must copy whatever it
 * keeps: the bytes may lie in the read buffer that the next read overwrites.
 */
export interface ReplyStep<T> {
  readonly size: number;
  readonly read: (bytes: Buffer) => T | ReplyStep<T>;
}

/** Whether `value`, what a step's `read` returned, is the next step of the reply rather than the reply. */
export function isReplyStep<T>(value: T | ReplyStep<T>): value is ReplyStep<T> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === STEP;
}

/** Marks a step so `read`'s result can be told apart from a value. */
const STEP = Symbol('reply step');

/** How long connects refused for a full listen backlog (EAGAIN) are tried again. */
const BUSY_RETRY_MS = 5000;
const BUSY_RETRY_MAX_PAUSE_MS = 20;

/** pcscd's listen backlog was full (EAGAIN): worth another try. */
class BusyListenerError extends Error {
  asServiceLinkError(): ServiceLinkError {
    return new ServiceLinkError(SCARD_E_NO_SERVICE, this.message);
  }
}

/** A reply step: `size` bytes, handed to `read`. */
export function replyStep<T>(size: number, read: (bytes: Buffer) => T | ReplyStep<T>): ReplyStep<T> {
  return { kind: STEP, size, read } as ReplyStep<T>;
}

export const TIMED_OUT = Symbol('timed out');

/**
 * How long a reply that has begun may pause before the daemon counts as stuck. pcscd writes a reply
 * in one go (TRANSMIT's data right after its struct), so any pause inside one is a daemon that broke
 * off; waiting for a reply to begin has no bound (a card may take long to answer).
 */
export const DEFAULT_REPLY_STALL_BOUND_MS = 3000;

interface PendingRead {
  step: ReplyStep<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
  /** Runs while part of the reply is in: the rest must follow within the stall bound. */
  stall: NodeJS.Timeout | undefined;
}

/**
 * Where every socket's reads land (Node's `onread`): no buffer is allocated per read, which on the
 * transmit path is one per command. Each read is handled at once and what stays unread is copied
 * out, so one buffer serves all sockets. Longer messages arrive over several reads.
 */
const READ_BUFFER = Buffer.allocUnsafe(16 * 1024);

/**
 * What a failure on the socket means, the way libpcsclite's MessageReceive/MessageSend read errno:
 * a reset is pcscd refusing the client (polkit), which happens before it answers anything. A reset
 * after answers is the daemon dying with a request still unread: the service is gone.
 */
function codeOfSocketError(error: NodeJS.ErrnoException, answered: boolean): number {
  if (error.code === 'ECONNRESET' && !answered) return SCARD_W_SECURITY_VIOLATION;
  return SCARD_E_NO_SERVICE;
}

/**
 * One unix socket to pcscd, read as a byte stream. pcscd answers each socket strictly in order and
 * without request ids, so at most one reply is awaited at a time; bytes that arrive while none is
 * awaited (a status-change push) are kept for the next read. The socket does not keep the process
 * alive unless a caller asks (`hold`), so a program that forgets to close still exits.
 */
export class ServiceSocket {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private pending: PendingRead | undefined;
  private lost: ServiceLinkError | undefined;
  private holds = 0;
  /** pcscd has sent something on this socket. */
  private answered = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly stallBoundMs: number,
  ) {
    socket.unref();
    socket.on('end', () => this.fail(new ServiceLinkError(SCARD_F_COMM_ERROR, 'pcscd closed the connection.'), SCARD_E_NO_SERVICE));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = codeOfSocketError(error, this.answered);
      this.fail(new ServiceLinkError(code, `pcscd socket: ${error.message}`), code === SCARD_W_SECURITY_VIOLATION ? code : SCARD_E_NO_SERVICE);
    });
    socket.on('close', () => this.fail(new ServiceLinkError(SCARD_F_COMM_ERROR, 'pcscd closed the connection.'), SCARD_E_NO_SERVICE));
  }

  /**
   * Connects; a daemon that is not there is SCARD_E_NO_SERVICE (libpcsclite's ClientSetupSession).
   * A reply that stops for `stallBoundMs` once it has begun fails the socket (SCARD_F_COMM_ERROR).
   *
   * pcscd listens with a backlog of one: while it has not yet taken earlier connections, a
   * non-blocking connect to its unix socket fails with EAGAIN where libpcsclite's blocking one
   * waits. Such a connect is tried again, every few milliseconds, for up to `BUSY_RETRY_MS`.
   */
  static async open(path: string, stallBoundMs: number = DEFAULT_REPLY_STALL_BOUND_MS): Promise<ServiceSocket> {
    const giveUpAt = Date.now() + BUSY_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await ServiceSocket.connectOnce(path, stallBoundMs);
      } catch (error) {
        if (!(error instanceof BusyListenerError) || Date.now() >= giveUpAt) {
          throw error instanceof BusyListenerError ? error.asServiceLinkError() : error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(BUSY_RETRY_MAX_PAUSE_MS, 1 << attempt)));
      }
    }
  }

  private static connectOnce(path: string, stallBoundMs: number): Promise<ServiceSocket> {
    return new Promise((resolve, reject) => {
      let opened: ServiceSocket | undefined;
      const onread = {
        buffer: READ_BUFFER,
        callback: (length: number): boolean => {
          opened?.readInto(length);
          return true;
        },
      };
      const socket = net.createConnection({ path, onread });
      socket.unref();
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.destroy();
        const message = `Cannot reach pcscd at ${path}: ${error.code ?? error.message}.`;
        reject(error.code === 'EAGAIN' ? new BusyListenerError(message) : new ServiceLinkError(SCARD_E_NO_SERVICE, message));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        opened = new ServiceSocket(socket, stallBoundMs);
        resolve(opened);
      });
    });
  }

  get isOpen(): boolean {
    return this.lost === undefined;
  }

  /** Keeps the process alive until `release` (a command is on its way). */
  hold(): void {
    if (this.holds++ === 0 && this.lost === undefined) this.socket.ref();
  }

  release(): void {
    if (--this.holds === 0 && this.lost === undefined) this.socket.unref();
  }

  /** Writes one request, all of it in one write. */
  send(request: Uint8Array): void {
    if (this.lost) throw new ServiceLinkError(SCARD_E_NO_SERVICE, this.lost.message);
    this.socket.write(request);
  }

  /**
   * Writes `request` and reads the reply `step` describes, keeping the process alive meanwhile
   * (one promise, no extra turn: this is every command's path).
   */
  request<T>(request: Uint8Array, step: ReplyStep<T>): Promise<T> {
    if (this.lost) return Promise.reject(new ServiceLinkError(SCARD_E_NO_SERVICE, this.lost.message));
    if (this.pending) return Promise.reject(new Error('ServiceSocket: a reply is already awaited.'));
    this.socket.write(request);
    return new Promise<T>((resolve, reject) => {
      this.pending = this.heldWhilePending(step, resolve, reject);
    });
  }

  /** Whether bytes have arrived that no reply step has taken yet. */
  get hasUnreadBytes(): boolean {
    return this.buffered > 0;
  }

  /**
   * Reads the reply `step` describes. With `timeoutMs`, resolves TIMED_OUT when not one byte of it
   * arrived in time (bytes arriving later are kept for the next read).
   */
  read<T>(step: ReplyStep<T>): Promise<T>;
  read<T>(step: ReplyStep<T>, timeoutMs: number | undefined): Promise<T | typeof TIMED_OUT>;
  read<T>(step: ReplyStep<T>, timeoutMs?: number): Promise<T | typeof TIMED_OUT> {
    if (this.pending) return Promise.reject(new Error('ServiceSocket: a reply is already awaited.'));
    const ready = this.readBuffered(step);
    if (ready !== undefined) return ready;
    if (this.lost) return Promise.reject(this.lost);
    // A read someone awaits (a status-change wait) keeps the process alive, as a pending wait does
    // on every other driver: a program whose only work is listening for cards must not exit.
    return new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
      const pending = this.heldWhilePending(step, resolve, reject);
      if (timeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          if (this.pending !== pending || this.buffered > 0) return;
          this.pending = undefined;
          pending.resolve(TIMED_OUT);
        }, timeoutMs);
      }
      this.pending = pending;
    });
  }

  /** Closes the socket; a reply still awaited fails with `code`. */
  close(code: number = SCARD_E_NO_SERVICE): void {
    this.fail(new ServiceLinkError(code, 'The connection to pcscd was closed.'), SCARD_E_NO_SERVICE);
  }

  /** An awaited reply that keeps the process alive (`hold`) until it settles either way. */
  private heldWhilePending<T>(step: ReplyStep<T>, resolve: (value: T) => void, reject: (error: Error) => void): PendingRead {
    this.hold();
    const pending: PendingRead = {
      step: step,
      resolve: (value) => {
        if (pending.stall) clearTimeout(pending.stall);
        this.release();
        resolve(value as T);
      },
      reject: (error) => {
        if (pending.stall) clearTimeout(pending.stall);
        this.release();
        reject(error);
      },
      timer: undefined,
      stall: undefined,
    };
    return pending;
  }

  private readBuffered<T>(step: ReplyStep<T>): Promise<T> | undefined {
    let current = step;
    while (this.buffered >= current.size) {
      let next: T | ReplyStep<T>;
      try {
        next = current.read(this.take(current.size));
      } catch (error) {
        return Promise.reject(this.malformed(error));
      }
      if (!isReplyStep(next)) return Promise.resolve(next);
      current = next;
    }
    if (current !== step || this.buffered > 0) {
      // Part of the reply is in: the rest must follow within the stall bound, and no wait timeout applies any more.
      return new Promise<T>((resolve, reject) => {
        const pending = this.heldWhilePending(current, resolve, reject);
        this.pending = pending;
        this.watchStall(pending);
      });
    }
    return undefined;
  }

  /** `length` bytes arrived at the start of the shared read buffer: a copy is kept of what no reply took. */
  private readInto(length: number): void {
    this.received(READ_BUFFER.subarray(0, length));
    const last = this.chunks.length - 1;
    const kept = this.chunks[last];
    if (kept?.buffer === READ_BUFFER.buffer) this.chunks[last] = Buffer.from(kept);
  }

  private received(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.answered = true;
    const pending = this.pending;
    if (!pending) return;
    if (pending.timer) {
      clearTimeout(pending.timer);
      pending.timer = undefined;
    }
    while (this.buffered >= pending.step.size) {
      let next: unknown;
      try {
        next = pending.step.read(this.take(pending.step.size));
      } catch (error) {
        this.pending = undefined;
        pending.reject(this.malformed(error));
        return;
      }
      if (!isReplyStep(next)) {
        this.pending = undefined;
        pending.resolve(next);
        return;
      }
      pending.step = next;
    }
    this.watchStall(pending);
  }

  /** (Re)starts the stall bound of a reply that has begun: each piece that arrives gives the next one the whole bound. */
  private watchStall(pending: PendingRead): void {
    if (pending.stall) clearTimeout(pending.stall);
    pending.stall = setTimeout(() => {
      if (this.pending !== pending) return;
      this.fail(
        new ServiceLinkError(SCARD_F_COMM_ERROR, `pcscd stopped in the middle of a reply (nothing more for ${this.stallBoundMs} ms).`),
        SCARD_E_NO_SERVICE,
      );
    }, this.stallBoundMs);
    // The awaited read holds the socket, which keeps the process alive until this fires.
    pending.stall.unref();
  }

  private malformed(error: unknown): Error {
    const reason = error instanceof PcscdProtocolError ? error : new PcscdProtocolError(String(error));
    this.fail(new ServiceLinkError(SCARD_F_COMM_ERROR, reason.message), SCARD_E_NO_SERVICE);
    return reason;
  }

  /** Exactly `size` buffered bytes, copied only when they span chunks. */
  private take(size: number): Buffer {
    this.buffered -= size;
    const first = this.chunks[0];
    if (size === 0) return Buffer.alloc(0);
    if (first !== undefined && first.length >= size) {
      if (first.length > size) {
        this.chunks[0] = first.subarray(size);
        return first.subarray(0, size);
      }
      this.chunks.shift();
      return first;
    }
    const out = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const chunk = this.chunks[0] as Buffer;
      const part = Math.min(chunk.length, size - filled);
      chunk.copy(out, filled, 0, part);
      filled += part;
      if (part === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(part);
    }
    return out;
  }

  /** The link is gone: the awaited reply fails with `error`; later sends fail with `laterCode`. */
  private fail(error: ServiceLinkError, laterCode: number): void {
    if (!this.lost) {
      this.lost = new ServiceLinkError(laterCode, error.message);
      this.socket.destroy();
      this.chunks.length = 0;
      this.buffered = 0;
    }
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    if (pending.timer) clearTimeout(pending.timer);
    pending.reject(error);
  }
}
