import * as rc from '../../driver/return-codes';
import {
  PNP_NOTIFICATION_READER,
  SCARD_LEAVE_CARD,
  SCARD_RESET_CARD,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_STATE_EVENT_COUNTER_SHIFT,
  SCARD_STATE_UNKNOWN,
} from '../../driver/scard-constants';
import {
  type ConnectResult,
  type ContextId,
  type HandleId,
  type Outcome,
  type PcscDriver,
  type ReaderStateQuery,
  type ReaderStateResult,
  type CardStatusResult,
  fail,
  succeed,
} from '../../driver/pcsc-driver';
import { markChanged, queryStateDiffers } from '../../driver/reader-state-compare';
import { defaultReceiveLength } from '../../driver/receive-length';
import { isServiceLoss as isDeadContext } from '../../errors/code-kinds';
import { hostPlatform } from '../host-platform';
import { codeFromNativeError } from './error-code';
import { loadPcscliteAddon } from './load-addon';
import type { NativeCardReader, PcscliteAddon } from './native-types';
import { PcscliteContext } from './pcsclite-context';
import { readerPoolFor, type NativeReaderPool } from './native-reader-pool';
import { type ObservedState, ReaderWatch } from './reader-watch';
import { sharedReaderListFor, type SharedReaderList } from './shared-reader-list';

const CONTROL_RESPONSE_MAX = 1024;
const FIRST_STATE_WAIT_MS = 2000;

import { PCSCLITE_CAPABILITIES } from '../binding-capabilities';

export { PCSCLITE_CAPABILITIES };

interface OpenHandle {
  readonly native: NativeCardReader;
  readonly context: ContextId;
  readonly reader: string;
  /** pcscd resets a card held exclusively when its context is released (see releaseContext). */
  readonly exclusive: boolean;
  /** Calls on the native object whose answer has not come back yet. */
  inFlight: number;
}

const unsupported = <T>(): Promise<Outcome<T>> => Promise.resolve(fail(rc.SCARD_E_UNSUPPORTED_FEATURE));

/**
 * PcscDriver over the `pcsclite` npm addon, in this process. That addon has no SCardStatus,
 * SCardReconnect or transactions: they answer SCARD_E_UNSUPPORTED_FEATURE and `capabilities` says so.
 * Each connection gets its own native CardReader (one handle each), so one reader can have several.
 * The contexts it hands out share one native context (see SharedReaderList).
 *
 * The addon establishes that context on the main thread, and its threads keep the process alive;
 * PcscliteDriver runs this class in a worker process for that reason.
 */
export class NativePcscliteDriver implements PcscDriver {
  readonly name = 'pcsclite';
  readonly platform = hostPlatform();
  readonly capabilities = PCSCLITE_CAPABILITIES;

  private readonly addon: PcscliteAddon;
  private readonly pool: NativeReaderPool;
  private readonly readerList: SharedReaderList;
  private readonly contexts = new Map<ContextId, PcscliteContext>();
  private readonly handles = new Map<HandleId, OpenHandle>();
  private readonly watches = new Map<string, ReaderWatch>();
  private readonly cancellers = new Map<ContextId, Set<() => void>>();
  private nextId = 1;

  constructor(addon: PcscliteAddon = loadPcscliteAddon()) {
    this.addon = addon;
    this.pool = readerPoolFor(addon);
    this.readerList = sharedReaderListFor(addon);
  }

  async establishContext(): Promise<Outcome<ContextId>> {
    const established = this.readerList.acquire();
    if ('rc' in established) return fail(established.rc);
    const id = this.nextId++;
    this.contexts.set(id, established.context);
    await established.context.whenReady(FIRST_STATE_WAIT_MS);
    return succeed(id);
  }

  async releaseContext(context: ContextId): Promise<number> {
    const found = this.contexts.get(context);
    if (!found) return rc.SCARD_E_INVALID_HANDLE;
    await this.cancel(context);
    this.contexts.delete(context);
    this.cancellers.delete(context);
    // Each handle has a native context of its own; pcscd would disconnect the handles of a
    // released context, so they are disconnected here. pcscd leaves the card, but resets one held
    // exclusively unless it was reset or removed meanwhile: with no SCardStatus here, and no call
    // that could reset it under an exclusive handle, it is reset (a removed card is not there to be).
    for (const [handle, open] of [...this.handles]) {
      if (open.context !== context) continue;
      await this.disconnect(handle, open.exclusive ? SCARD_RESET_CARD : SCARD_LEAVE_CARD);
      // Kept by a disconnect that failed (the service is gone): the context forgets it all the same.
      if (this.handles.delete(handle)) this.pool.discard();
    }
    // SCardReleaseContext forgets a context the service took with it, and says the service is gone.
    const failure = found.failure;
    this.readerList.release(found);
    return failure || rc.SCARD_S_SUCCESS;
  }

  async listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    const found = this.contexts.get(context);
    if (!found) return fail(rc.SCARD_E_INVALID_HANDLE);
    await found.whenReady(FIRST_STATE_WAIT_MS);
    if (found.failure) return fail(found.failure);
    const names = found.readerNames ?? [];
    if (names.length === 0) return fail(rc.SCARD_E_NO_READERS_AVAILABLE);
    return succeed(names);
  }

  async getStatusChange(context: ContextId, queries: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const found = this.contexts.get(context);
    if (!found) return fail(rc.SCARD_E_INVALID_HANDLE);
    // A cancel or release that comes while the watches are still starting applies to this call too.
    let cancelledEarly = false;
    const stopListening = this.onCancel(context, () => (cancelledEarly = true));
    const gone = (): boolean => cancelledEarly || this.contexts.get(context) !== found;
    await found.whenReady(FIRST_STATE_WAIT_MS);
    // Checked before starting watches too: a watch started after dispose() would never be stopped.
    const watches = gone() ? [] : queries.filter((q) => q.reader !== PNP_NOTIFICATION_READER).map((q) => this.watchFor(q.reader));
    await Promise.all(watches.map((watch) => firstReport(watch)));
    // A long-lived watch learns of a change some time after pcscd made it (another application's
    // connect, or this one's): the first answer comes from a state read now.
    const current = gone() ? new Map<string, ObservedState>() : await this.readNow(queries);
    stopListening();
    if (gone()) return fail(rc.SCARD_E_CANCELLED);

    const snapshot = (): ReaderStateResult[] => queries.map((query) => this.observe(found, query));
    const first = queries.map((query) => this.observe(found, query, current.get(query.reader)));
    if (timeoutMs === 0) return changedOrTimeout(found.failure, first);
    return new Promise((resolve) => {
      const subscriptions: Array<() => void> = [];
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (outcome: Outcome<readonly ReaderStateResult[]>): void => {
        settled = true;
        if (timer) clearTimeout(timer);
        for (const unsubscribe of subscriptions) unsubscribe();
        resolve(outcome);
      };
      const check = (): void => {
        const outcome = changedOrTimeout(found.failure, snapshot());
        if (outcome.rc !== rc.SCARD_E_TIMEOUT) finish(outcome);
      };
      subscriptions.push(found.onChange(check));
      for (const watch of watches) subscriptions.push(watch.onChange(check));
      subscriptions.push(this.onCancel(context, () => finish(fail(rc.SCARD_E_CANCELLED))));
      const outcome = changedOrTimeout(found.failure, first);
      if (outcome.rc !== rc.SCARD_E_TIMEOUT) finish(outcome);
      // An answer found at once must not leave a timer behind.
      if (!settled && timeoutMs !== 0xffffffff) {
        timer = setTimeout(() => finish(fail(rc.SCARD_E_TIMEOUT)), timeoutMs);
      }
    });
  }

  async cancel(context: ContextId): Promise<number> {
    if (!this.contexts.has(context)) return rc.SCARD_E_INVALID_HANDLE;
    for (const cancel of [...(this.cancellers.get(context) ?? [])]) cancel();
    return rc.SCARD_S_SUCCESS;
  }

  connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const found = this.contexts.get(context);
    if (!found) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    if (found.failure) return Promise.resolve(fail(found.failure));
    return this.pool.acquire(reader).then((native) => this.connectWith(native, context, reader, shareMode, protocols, true));
  }

  private connectWith(
    native: NativeCardReader,
    context: ContextId,
    reader: string,
    shareMode: number,
    protocols: number,
    retryOnDeadContext: boolean,
  ): Promise<Outcome<ConnectResult>> {
    return new Promise((resolve) => {
      native._connect(shareMode, protocols, (error, protocol) => {
        if (!error) {
          const handle = this.nextId++;
          this.handles.set(handle, { native, context, reader, exclusive: shareMode === SCARD_SHARE_EXCLUSIVE, inFlight: 0 });
          resolve(succeed({ handle, protocol: protocol ?? 0 }));
          return;
        }
        const code = this.connectFailure(codeFromNativeError(error));
        // Not kept for reuse: a pooled object per unknown reader name would hold a context each.
        this.pool.discard();
        if (!isDeadContext(code) && code !== rc.SCARD_W_SECURITY_VIOLATION) {
          resolve(fail(code));
          return;
        }
        // The pooled object's own context died with an earlier pcscd; a new one may succeed (not
        // another pooled one: it may be as old).
        if (!retryOnDeadContext) {
          resolve(fail(code));
          return;
        }
        resolve(this.pool.acquireNew(reader).then((fresh) => this.connectWith(fresh, context, reader, shareMode, protocols, false)));
      });
    });
  }

  /**
   * SCARD_W_SECURITY_VIOLATION from SCardConnect is pcscd refusing the client (polkit), or the
   * object's socket reset by a daemon killed meanwhile (see fromClientLibraryLink): with no service
   * answering now it is the latter, SCARD_E_NO_SERVICE; otherwise a fresh object tries once more.
   */
  private connectFailure(code: number): number {
    if (code !== rc.SCARD_W_SECURITY_VIOLATION) return code;
    const service = PcscliteContext.probe(this.addon);
    return service === rc.SCARD_S_SUCCESS ? code : service;
  }

  reconnect(): Promise<Outcome<number>> {
    return unsupported();
  }

  status(): Promise<Outcome<CardStatusResult>> {
    return unsupported();
  }

  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const open = this.handles.get(handle);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    const data = Buffer.from(command.buffer, command.byteOffset, command.byteLength);
    const maxResponse = receiveLength ?? defaultReceiveLength(command);
    return new Promise((resolve) => {
      open.inFlight++;
      open.native._transmit(data, maxResponse, protocol, (error, response) => {
        open.inFlight--;
        if (error || !response) resolve(fail(error ? codeFromNativeError(error, true) : rc.SCARD_F_UNKNOWN_ERROR));
        else resolve(succeed(response));
      });
    });
  }

  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    const open = this.handles.get(handle);
    if (!open) return Promise.resolve(fail(rc.SCARD_E_INVALID_HANDLE));
    const output = Buffer.alloc(CONTROL_RESPONSE_MAX);
    return new Promise((resolve) => {
      open.inFlight++;
      open.native._control(Buffer.from(data), controlCode, output, (error, length) => {
        open.inFlight--;
        if (error) resolve(fail(codeFromNativeError(error, true)));
        else resolve(succeed(Uint8Array.from(output.subarray(0, length ?? 0))));
      });
    });
  }

  /** The addon has no SCardGetAttrib. */
  getAttribute(): Promise<Outcome<Uint8Array>> {
    return unsupported();
  }

  /** The addon has no SCardSetAttrib. */
  setAttribute(): Promise<number> {
    return Promise.resolve(rc.SCARD_E_UNSUPPORTED_FEATURE);
  }

  beginTransaction(): Promise<number> {
    return Promise.resolve(rc.SCARD_E_UNSUPPORTED_FEATURE);
  }

  endTransaction(): Promise<number> {
    return Promise.resolve(rc.SCARD_E_UNSUPPORTED_FEATURE);
  }

  disconnect(handle: HandleId, disposition: number): Promise<number> {
    const open = this.handles.get(handle);
    if (!open) return Promise.resolve(rc.SCARD_E_INVALID_HANDLE);
    this.handles.delete(handle);
    return new Promise((resolve) => {
      open.native._disconnect(disposition, (error) => {
        const code = error ? codeFromNativeError(error, true) : rc.SCARD_S_SUCCESS;
        if (code !== rc.SCARD_S_SUCCESS) {
          // As libpcsclite, a handle whose disconnect failed stays (the object still holds it), and
          // later calls answer what the service answers, SCARD_E_NO_SERVICE once it is gone.
          this.handles.set(handle, open);
          resolve(code);
          return;
        }
        // The object holds one card handle at a time: reused while a call of this connection is still
        // queued on it, that call would run on the next connection's handle.
        if (open.inFlight > 0) this.pool.discard();
        else this.pool.release(open.reader, open.native);
        resolve(code);
      });
    });
  }

  async dispose(): Promise<void> {
    for (const context of [...this.contexts.keys()]) await this.releaseContext(context);
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
  }

  private watchFor(reader: string): ReaderWatch {
    let watch = this.watches.get(reader);
    if (!watch || watch.isEnded) {
      watch = new ReaderWatch(this.addon, reader);
      this.watches.set(reader, watch);
      watch.start();
    }
    return watch;
  }

  /** Each queried reader's state as pcscd has it now, read by a status thread of its own. */
  private async readNow(queries: readonly ReaderStateQuery[]): Promise<Map<string, ObservedState>> {
    const read = new Map<string, ObservedState>();
    await Promise.all(
      queries
        .filter((query) => query.reader !== PNP_NOTIFICATION_READER)
        .map(async (query) => {
          const once = new ReaderWatch(this.addon, query.reader);
          once.start();
          await firstReport(once);
          const state = once.state;
          once.stop();
          if (state) read.set(query.reader, state);
        }),
    );
    return read;
  }

  private observe(context: PcscliteContext, query: ReaderStateQuery, readNow?: ObservedState): ReaderStateResult {
    const names = context.readerNames ?? [];
    if (query.reader === PNP_NOTIFICATION_READER) {
      return { reader: query.reader, currentState: query.currentState, eventState: names.length << SCARD_STATE_EVENT_COUNTER_SHIFT, atr: new Uint8Array(0) };
    }
    const observed = names.includes(query.reader) ? (readNow ?? this.watches.get(query.reader)?.state) : undefined;
    if (!observed) {
      return { reader: query.reader, currentState: query.currentState, eventState: SCARD_STATE_UNKNOWN, atr: new Uint8Array(0) };
    }
    return { reader: query.reader, currentState: query.currentState, eventState: observed.eventState, atr: observed.atr };
  }

  private onCancel(context: ContextId, cancel: () => void): () => void {
    let set = this.cancellers.get(context);
    if (!set) {
      set = new Set();
      this.cancellers.set(context, set);
    }
    set.add(cancel);
    return () => set.delete(cancel);
  }
}

/** What SCardGetStatusChange answers now: the failure, the changed states, or a timeout. */
function changedOrTimeout(failure: number, states: readonly ReaderStateResult[]): Outcome<readonly ReaderStateResult[]> {
  if (failure) return fail(failure);
  if (!states.some((s) => queryStateDiffers(s.reader, s.currentState, s.eventState))) return fail(rc.SCARD_E_TIMEOUT);
  return succeed(states.map((s) => ({ ...s, eventState: markChanged(s.currentState, s.eventState, s.reader) })));
}

function firstReport(watch: ReaderWatch): Promise<void> {
  if (watch.state || watch.isEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, FIRST_STATE_WAIT_MS);
    const unsubscribe = watch.onChange(done);
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
