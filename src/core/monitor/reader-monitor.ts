import type { ContextId, PcscDriver, ReaderStateQuery, ReaderStateResult } from '../../driver/pcsc-driver';
import * as rc from '../../driver/return-codes';
import {
  PNP_NOTIFICATION_READER,
  SCARD_INFINITE,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EVENT_COUNTER_SHIFT,
  SCARD_STATE_UNAWARE,
  SCARD_STATE_UNKNOWN,
} from '../../driver/scard-constants';
import { errorFromCode } from '../../errors/error-table';
import { pause } from '../recovery/abort';
import { toReaderInfo, type ReaderInfo } from '../reader-info';
import { isServiceLoss } from '../../errors/code-kinds';
import type { MonitorHost, MonitorOptions } from './monitor-host';
import { diffReaders, sameAtr } from './reader-diff';

const DEFAULT_POLL_MS = 1000;

/** What one look at the readers found out. */
type Look = 'ok' | 'refresh' | 'lost';

/** A look, and whether the driver answered it without waiting out its timeout. */
interface Answer {
  readonly look: Look;
  readonly answered: boolean;
}

const UPPER_WORD = 0xffff0000;

/**
 * Watches readers and cards with SCardGetStatusChange in a context of its own (a long wait holds
 * its context's lock, so it cannot share the application's). Waits on the PnP pseudo-reader where
 * the driver has it; otherwise each wait is bounded by `pollMs` and the reader list is read again.
 *
 * It never spins: when the driver answers "changed" but the readers look exactly as before, the
 * monitor pauses `pollMs` before it asks again. While the service is down the monitor counts as
 * having seen no reader, so whatever the service shows once it is back is reported as new.
 */
export class ReaderMonitor {
  private readonly stopper = new AbortController();
  private running: Promise<void> | undefined;
  private context: ContextId | undefined;
  private known = new Map<string, ReaderInfo>();
  /** Has looked at a running service at least once (waitForCard waits for that). */
  private primed = false;
  /** The first look only learns what is there, unless the service was seen lost before it. */
  private firstLookIsSilent = true;
  private restarted = false;
  /** Bumped whenever a look shows something other than what was known. */
  private revision = 0;
  /** The PnP pseudo-reader's upper word as last reported (reader count or reader-event counter), when it reports one. */
  private pnpState: number | undefined;
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
      if (!this.host.isUp()) this.primeWithoutService();
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
        this.primeWithoutService();
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
    /** The revision when the last wait that the driver answered began. */
    let answeredFrom: number | undefined;
    this.pnpState = undefined;
    while (!this.stopped) {
      if (refresh) {
        const listed = await this.listNames(context);
        if (listed === 'lost') return;
        names = listed;
        const first = await this.lookAtAll(context, names);
        if (first === 'lost') return;
        if (first === 'refresh') {
          // The list and the states disagreed (a reader came or went between the two calls).
          await pause(this.pollMs, this.stopper.signal);
          continue;
        }
        refresh = false;
      }
      if (answeredFrom === this.revision) {
        // The driver said "changed", yet everything looks as before: wait before asking again.
        answeredFrom = undefined;
        await pause(this.pollMs, this.stopper.signal);
        refresh = true;
        continue;
      }
      const startedAt = this.revision;
      const outcome = await this.waitForChange(context, names);
      if (outcome.look === 'lost') return;
      refresh = outcome.look === 'refresh';
      answeredFrom = outcome.answered ? startedAt : undefined;
    }
  }

  /** Every listed reader as an unaware caller sees it (no reader: nothing to ask). */
  private async lookAtAll(context: ContextId, names: readonly string[]): Promise<Look> {
    if (names.length === 0) return this.publish([], true);
    const queries = names.map((reader) => ({ reader, currentState: SCARD_STATE_UNAWARE }));
    return (await this.look(context, queries, 0, true)).look;
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

  private async waitForChange(context: ContextId, names: readonly string[]): Promise<Answer> {
    const pnp = this.driver.capabilities.pnpNotification;
    const queries: ReaderStateQuery[] = names.map((reader) => ({
      reader,
      currentState: (this.known.get(reader)?.eventState ?? SCARD_STATE_UNAWARE) & ~SCARD_STATE_CHANGED,
    }));
    // Fed back as reported where the driver reports an upper word (Windows: reader count; pcsc-lite
    // 2.x: reader-event counter); pcsc-lite 1.9 reports none and ignores what it is given.
    if (pnp) queries.push({ reader: PNP_NOTIFICATION_READER, currentState: this.pnpState ?? names.length << SCARD_STATE_EVENT_COUNTER_SHIFT });
    if (queries.length === 0) {
      await pause(this.pollMs, this.stopper.signal);
      return { look: 'refresh', answered: false };
    }
    const timeout = pnp && this.driver.capabilities.cancel ? SCARD_INFINITE : this.pollMs;
    return this.look(context, queries, timeout, false);
  }

  /** One getStatusChange; publishes what it saw. */
  private async look(context: ContextId, queries: readonly ReaderStateQuery[], timeout: number, full: boolean): Promise<Answer> {
    // stop() cancels the wait in progress once; a wait begun after it would never end.
    if (this.stopped) return { look: 'ok', answered: false };
    const outcome = await this.driver.getStatusChange(context, queries, timeout);
    if (this.stopped) return { look: 'ok', answered: false };
    switch (outcome.rc) {
      case rc.SCARD_S_SUCCESS:
        return { look: this.publish(outcome.value ?? [], full), answered: true };
      case rc.SCARD_E_TIMEOUT:
        return { look: this.driver.capabilities.pnpNotification ? 'ok' : 'refresh', answered: false };
      case rc.SCARD_E_CANCELLED:
        return { look: 'ok', answered: false };
      case rc.SCARD_E_UNKNOWN_READER:
      case rc.SCARD_E_READER_UNAVAILABLE:
      case rc.SCARD_E_NO_READERS_AVAILABLE:
        return { look: 'refresh', answered: true };
      default:
        if (this.lost(outcome.rc, 'SCardGetStatusChange')) return { look: 'lost', answered: false };
        this.host.error(errorFromCode(outcome.rc, 'SCardGetStatusChange'));
        await pause(this.pollMs, this.stopper.signal);
        return { look: 'refresh', answered: false };
    }
  }

  private publish(results: readonly ReaderStateResult[], full: boolean): Look {
    const next = full ? new Map<string, ReaderInfo>() : new Map(this.known);
    let look: Look = 'ok';
    for (const result of results) {
      if (result.reader === PNP_NOTIFICATION_READER) {
        if (result.eventState & SCARD_STATE_CHANGED) look = 'refresh';
        this.notePnpState(result.eventState);
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
    if (!sameReaders(this.known, next)) this.revision += 1;
    this.known = next;
    this.restarted = false;
    const first = !this.primed;
    if (first) {
      this.primed = true;
      this.wakePrimedWaiters();
    }
    if (first && this.firstLookIsSilent) return look;
    for (const change of changes) this.host.change(change);
    return look;
  }

  private notePnpState(eventState: number): void {
    const upper = (eventState & UPPER_WORD) >>> 0;
    if (upper === 0 || upper === this.pnpState) return;
    this.pnpState = upper;
    this.revision += 1;
  }

  private lost(code: number, call: string): boolean {
    if (!isServiceLoss(code)) return false;
    this.restarted = true;
    this.primeWithoutService();
    this.host.reportLoss(errorFromCode(code, call));
    return true;
  }

  /**
   * Without the service there is no reader: a monitor that had not looked yet has now seen none, so
   * its first look once the service is back reports every reader and card as new.
   */
  private primeWithoutService(): void {
    if (!this.primed) this.firstLookIsSilent = false;
  }

  private wakePrimedWaiters(): void {
    for (const wake of [...this.primedWaiters]) wake();
    this.primedWaiters.clear();
  }
}

function sameReaders(before: ReadonlyMap<string, ReaderInfo>, after: ReadonlyMap<string, ReaderInfo>): boolean {
  if (before.size !== after.size) return false;
  for (const [name, now] of after) {
    const old = before.get(name);
    if (old?.eventState !== now.eventState || !sameAtr(old.atr, now.atr)) return false;
  }
  return true;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
