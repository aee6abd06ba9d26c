import type { ChildProcess } from 'node:child_process';
import { decodeWire, encodeWire } from './wire-codec';
import { reviveError, workerCrashed, workerDisposed, workerTimedOut } from './worker-errors';
import type { Outcome } from '../../driver/pcsc-driver';
import type { GuardedTransmitResult, TransmitCheck } from '../../driver/guarded-transmit';
import { encodeGuardedTransmitRequest, encodeTransmitRequest, guardedTransmitResult, isTransmitReply, transmitOutcome } from './transmit-wire';
import {
  SCARD_CALL_NAMES,
  type DriverMethod,
  type MethodArgs,
  type MethodResult,
  type TransmitReply,
  type WorkerMessage,
  type WorkerRequest,
} from './worker-protocol';

/** How long a worker may take to exit after its IPC channel closed before it is killed. */
const EXIT_GRACE_MS = 1000;

interface PendingCall {
  readonly call: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout | undefined;
  /** How a transmit's lean reply becomes the call's result. */
  readonly fromTransmitReply: (reply: TransmitReply) => unknown;
}

/** Why a worker takes no more calls: it was disposed, or it died (`cause` when we killed it). */
type Ending = { readonly disposed: true } | { readonly disposed: false; readonly cause?: string };

/**
 * One running worker: sends calls, pairs replies, and when the process ends rejects whatever is
 * still pending. That waits for both 'exit' and 'disconnect' (the channel drained), so replies
 * sent just before an exit still arrive.
 */
export class WorkerProcess {
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  private ending: Ending | undefined;
  private readonly closed: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    /** Called once, synchronously, when the worker stops taking calls. */
    private readonly onEnd: (worker: WorkerProcess) => void,
  ) {
    let exited = false;
    let disconnected = false;
    let markClosed: () => void = () => undefined;
    this.closed = new Promise((resolve) => (markClosed = resolve));
    // Not 'close': Node never emits it after the parent called disconnect().
    const finishOnceBoth = (): void => {
      if (!exited || !disconnected) return;
      this.rejectPending();
      markClosed();
    };
    child.on('message', (message: WorkerMessage) => this.onMessage(message));
    child.once('exit', () => {
      exited = true;
      this.end({ disposed: false });
      finishOnceBoth();
    });
    child.once('disconnect', () => {
      disconnected = true;
      this.end({ disposed: false });
      if (!exited) setTimeout(() => this.child.kill('SIGKILL'), EXIT_GRACE_MS).unref();
      finishOnceBoth();
    });
    // Send failures surface as 'disconnect'/'exit'; without a listener they would throw.
    child.on('error', () => undefined);
    this.setReferenced(false);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.ending === undefined;
  }

  call<M extends DriverMethod>(method: M, args: MethodArgs<M>, timeoutMs?: number): Promise<MethodResult<M>> {
    return this.request(SCARD_CALL_NAMES[method], (id) => [id, method, encodeWire(args) as readonly unknown[]], timeoutMs) as Promise<MethodResult<M>>;
  }

  /** transmit in the lean message shape of transmit-wire.ts. */
  transmit(handle: number, protocol: number, command: Uint8Array, receiveLength: number | undefined, timeoutMs?: number): Promise<Outcome<Uint8Array>> {
    const message = (id: number): WorkerRequest => encodeTransmitRequest(id, handle, protocol, command, receiveLength);
    return this.request('SCardTransmit', message, timeoutMs) as Promise<Outcome<Uint8Array>>;
  }

  /** The missed-reset guard's check and the transmit, both made by the worker; `check` names the worker's own context. */
  transmitGuarded(
    handle: number,
    protocol: number,
    command: Uint8Array,
    receiveLength: number | undefined,
    check: TransmitCheck,
    timeoutMs?: number,
  ): Promise<GuardedTransmitResult> {
    const message = (id: number): WorkerRequest => encodeGuardedTransmitRequest(id, handle, protocol, command, receiveLength, check);
    return this.request('SCardTransmit', message, timeoutMs, guardedTransmitResult) as Promise<GuardedTransmitResult>;
  }

  private request(
    call: string,
    message: (id: number) => WorkerRequest,
    timeoutMs: number | undefined,
    fromTransmitReply: (reply: TransmitReply) => unknown = transmitOutcome,
  ): Promise<unknown> {
    if (this.ending) return Promise.reject(this.endError(call));
    return new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.timedOut(id, timeoutMs), timeoutMs);
      this.pending.set(id, { call, resolve, reject, timer, fromTransmitReply });
      if (this.pending.size === 1) this.setReferenced(true);
      try {
        this.child.send(message(id));
      } catch (error) {
        this.settle(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Closes the channel (the worker disposes its driver and exits), then kills it if it lingers. */
  async stop(): Promise<void> {
    this.end({ disposed: true });
    this.setReferenced(true);
    if (this.child.connected) this.child.disconnect();
    const kill = setTimeout(() => this.child.kill('SIGKILL'), EXIT_GRACE_MS);
    await this.closed;
    clearTimeout(kill);
  }

  private onMessage(message: WorkerMessage): void {
    if ('ready' in message || 'failed' in message) return;
    const entry = this.settle(message[0]);
    if (!entry) return;
    if (isTransmitReply(message)) entry.resolve(entry.fromTransmitReply(message));
    else if (message[1]) entry.resolve(decodeWire(message[2]));
    else entry.reject(reviveError(message[2]));
  }

  private settle(id: number): PendingCall | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    if (this.pending.size === 0) this.setReferenced(false);
    return entry;
  }

  private timedOut(id: number, timeoutMs: number): void {
    const entry = this.settle(id);
    if (!entry) return;
    entry.reject(workerTimedOut(entry.call, timeoutMs));
    this.end({ disposed: false, cause: `killed after ${entry.call} gave no answer within ${timeoutMs} ms` });
    this.child.kill('SIGKILL');
  }

  private end(ending: Ending): void {
    if (this.ending) return;
    this.ending = ending;
    this.onEnd(this);
  }

  private rejectPending(): void {
    for (const id of [...this.pending.keys()]) {
      const entry = this.settle(id);
      entry?.reject(this.endError(entry.call));
    }
  }

  private endError(call: string): Error {
    if (this.ending?.disposed) return workerDisposed(call);
    const { exitCode, signalCode } = this.child;
    const status = signalCode ? `signal ${signalCode}` : exitCode !== null ? `exit code ${exitCode}` : 'it stopped answering';
    const cause = this.ending && !this.ending.disposed ? this.ending.cause : undefined;
    return workerCrashed(call, this.pid, cause ?? status);
  }

  /** An idle worker does not keep the application running; a pending call does. */
  private setReferenced(referenced: boolean): void {
    if (referenced) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }
}
