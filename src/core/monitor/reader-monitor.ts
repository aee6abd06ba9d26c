import type { ContextId, PcscDriver, ReaderStateQuery, ReaderStateResult } from '../../driver/pcsc-driver';
import * as rc from '../../driver/return-codes';
import { PNP_NOTIFICATION_READER, SCARD_INFINITE, SCARD_STATE_CHANGED, SCARD_STATE_EVENT_COUNTER_SHIFT, SCARD_STATE_UNAWARE, SCARD_STATE_UNKNOWN } from '../../driver/scard-constants';
import { errorFromCode } from '../../errors/error-table';
import { pause } from '../recovery/abort';
import { toReaderInfo, type ReaderInfo } from '../reader-info';
import { isServiceLoss } from '../../errors/code-kinds';
import type { MonitorHost, MonitorOptions } from './monitor-host';
import { diffReaders } from './reader-diff';

const DEFAULT_POLL_MS = 1000;

/** What one look at the readers found out. */
type Look = 'ok' | 'refresh' | 'lost';

/**
 * Watches readers and cards with SCardGetStatusChange in a context of its own (a long wait holds
 * its context's lock, so it cannot share the application's). Waits on the PnP pseudo-reader where
 * the driver has it; otherwise each wait is bounded by `pollMs` and the reader list is read again.
 */
export class ReaderMonitor {
  private readonly stopper = new AbortController();
  private running: Promise<void> | undefined;
  private context: ContextId | undefined;
  private known = new Map<string, ReaderInfo>();
  private primed = false;
  private restarted = false;
  private readonly primedWaiters = new Set<() => void>();
  private readonly pollMs: number;

  constructor(
    private readonly driver: PcscDriver,
    private readonly host: MonitorHost,
    options: MonitorOptions = {},
  ) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /** The readers as last seen. */
  get readers(): ReadonlyMap<string, ReaderInfo> {
    return this.known;
  }

  start(): void {
    this.running ??= this.loop().catch((error: unknown) => this.host.error(asError(error)));
  }

  /** Resolves once the monitor has looked at the readers at least once (or was stopped). */
  whenPrimed(): Promise<void> {
    if (this.primed || this.stopper.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.primedWaiters.add(resolve));
  }

  async stop(): Promise<void> {
    if (this.stopper.signal.aborted) return;
    this.stopper.abort();
    this.wakePrimedWaiters();
    const context = this.context;
    if (context !== undefined && this.driver.capabilities.cancel) await this.driver.cancel(context).catch(() => undefined);
    await this.running;
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const context = await this.establish();
      if (context === undefined) return;
      this.context = context;
      try {
        await this.watch(context);
      } finally {
        this.context = undefined;
        await this.driver.releaseContext(context).catch(() => undefined);
      }
    }
  }

  private async establish(): Promise<ContextId | undefined> {
    while (!this.stopped) {
      try {
        await this.host.whenUp(this.stopper.signal);
      } catch {
        return undefined;
      }
      if (this.stopped) return undefined;
      const outcome = await this.driver.establishContext();
      if (outcome.ok) return outcome.value;
      const error = errorFromCode(outcome.rc, 'SCardEstablishContext');
      if (isServiceLoss(outcome.rc)) {
        this.restarted = true;
        this.host.reportLoss(error);
      } else {
        this.host.error(error);
        await pause(this.pollMs, this.stopper.signal);
      }
    }
    return undefined;
  }

  /** Follows changes until the context dies or the monitor stops. */
  private async watch(context: ContextId): Promise<void> {
    let names: readonly string[] = [];
    let refresh = true;
    while (!this.stopped) {
      if (refresh) {
        const listed = await this.listNames(context);
        if (listed === 'lost') return;
        names = listed;
        const first = await this.look(context, names.map((reader) => ({ reader, currentState: SCARD_STATE_UNAWARE })), 0, true);
        if (first === 'lost') return;
        refresh = first === 'refresh';
        if (refresh) {
          // The list and the states disagreed (a reader came or went between the two calls).
          await pause(this.pollMs, this.stopper.signal);
          continue;
        }
      }
      const outcome = await this.waitForChange(context, names);
      if (outcome === 'lost') return;
      refresh = outcome === 'refresh';
    }
  }

  private async listNames(context: ContextId): Promise<readonly string[] | 'lost'> {
    const listed = await this.driver.listReaders(context);
    if (listed.rc === rc.SCARD_E_NO_READERS_AVAILABLE) return [];
    if (listed.ok) return listed.value;
    if (this.lost(listed.rc, 'SCardListReaders')) return 'lost';
    this.host.error(errorFromCode(listed.rc, 'SCardListReaders'));
    await pause(this.pollMs, this.stopper.signal);
    return [];
  }

  private async waitForChange(context: ContextId, names: readonly string[]): Promise<Look> {
    const pnp = this.driver.capabilities.pnpNotification;
    const queries: ReaderStateQuery[] = names.map((reader) => ({
      reader,
      currentState: (this.known.get(reader)?.eventState ?? SCARD_STATE_UNAWARE) & ~SCARD_STATE_CHANGED,
    }));
    if (pnp) queries.push({ reader: PNP_NOTIFICATION_READER, currentState: names.length << SCARD_STATE_EVENT_COUNTER_SHIFT });
    if (queries.length === 0) {
      await pause(this.pollMs, this.stopper.signal);
      return 'refresh';
    }
    const timeout = pnp && this.driver.capabilities.cancel ? SCARD_INFINITE : this.pollMs;
    return this.look(context, queries, timeout, false);
  }

  /** One getStatusChange; publishes what it saw. */
  private async look(context: ContextId, queries: readonly ReaderStateQuery[], timeout: number, full: boolean): Promise<Look> {
    const outcome = await this.driver.getStatusChange(context, queries, timeout);
    if (this.stopped) return 'ok';
    switch (outcome.rc) {
      case rc.SCARD_S_SUCCESS:
        return this.publish(outcome.value ?? [], full);
      case rc.SCARD_E_TIMEOUT:
        return this.driver.capabilities.pnpNotification ? 'ok' : 'refresh';
      case rc.SCARD_E_CANCELLED:
        return 'ok';
      case rc.SCARD_E_UNKNOWN_READER:
      case rc.SCARD_E_READER_UNAVAILABLE:
      case rc.SCARD_E_NO_READERS_AVAILABLE:
        return 'refresh';
      default:
        if (this.lost(outcome.rc, 'SCardGetStatusChange')) return 'lost';
        this.host.error(errorFromCode(outcome.rc, 'SCardGetStatusChange'));
        await pause(this.pollMs, this.stopper.signal);
        return 'refresh';
    }
  }

  private publish(results: readonly ReaderStateResult[], full: boolean): Look {
    const next = full ? new Map<string, ReaderInfo>() : new Map(this.known);
    let look: Look = 'ok';
    for (const result of results) {
      if (result.reader === PNP_NOTIFICATION_READER) {
        if (result.eventState & SCARD_STATE_CHANGED) look = 'refresh';
        continue;
      }
      if (result.eventState & SCARD_STATE_UNKNOWN) {
        look = 'refresh';
        continue;
      }
      next.set(result.reader, toReaderInfo({ ...result, eventState: result.eventState & ~SCARD_STATE_CHANGED }));
    }
    if (!full && look === 'refresh') return look;
    const changes = diffReaders(this.known, next, { serviceRestarted: this.restarted });
    this.known = next;
    this.restarted = false;
    if (!this.primed) {
      this.primed = true;
      this.wakePrimedWaiters();
      return look;
    }
    for (const change of changes) this.host.change(change);
    return look;
  }

  private lost(code: number, call: string): boolean {
    if (!isServiceLoss(code)) return false;
    this.restarted = true;
    this.host.reportLoss(errorFromCode(code, call));
    return true;
  }

  private wakePrimedWaiters(): void {
    for (const wake of [...this.primedWaiters]) wake();
    this.primedWaiters.clear();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
