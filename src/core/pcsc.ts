import type { DriverCapabilities, PcscDriver, ReaderStateQuery } from '../driver/pcsc-driver';
import type { QuirkProfile } from '../quirks/quirk-profile';
import type { QuirkNoticeSink } from '../quirks/quirk-notice';
import type { ComposedDriver, DriverSelection } from './composed-driver';
import { SCARD_E_NO_READERS_AVAILABLE } from '../driver/return-codes';
import { errorFromCode } from '../errors/error-table';
import { NoServiceError } from '../errors/pcsc-error';
import { isServiceLoss } from '../errors/code-kinds';
import { withAdvice } from '../errors/service-advice';
import { eventStream } from './event-stream';
import { ReaderMonitor } from './monitor/reader-monitor';
import type { MonitorOptions } from './monitor/monitor-host';
import type { ReaderChange } from './monitor/reader-diff';
import { PcscEmitter } from './pcsc-emitter';
import { anySignal } from './recovery/abort';
import { checkRecoveryOptions, type RecoveryOptions } from './recovery/recovery-options';
import { ServiceRecovery } from './recovery/service-recovery';
import { waitForCard, type WaitForCardOptions } from './wait-for-card';
import { SCARD_LEAVE_CARD, SCARD_STATE_UNAWARE } from '../driver/scard-constants';
import { Card } from './card';
import { cardLeft } from './card-left';
import { unwrap } from './check';
import { ClosedError } from '../errors/pcsc-error';
import { connectWithSharingWait } from './connect-retry';
import { cardBehaviour } from './connect-options';
import { checkOptions, checkSignal, checkTimeout, withDeadline } from './deadline';
import { checkReaderName } from './reader-name';
import type { PcscEvent, QuirkNotice } from './pcsc-events';
import { toReaderInfo, type ReaderInfo } from './reader-info';
import { ServiceContext } from './service-context';
import { protocolMask, shareModeCode, type Protocol, type ShareMode } from './share-protocol';
import { brandClass, isBrandedInstance } from '../errors/brand';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * How a Pcsc watches and recovers its service, whatever driver it was given. `Pcsc.open`'s options
 * (OpenOptions) are these and the options that choose and wrap the driver.
 */
export interface ServiceOptions {
  /**
   * true: open() throws NoServiceError when the PC/SC service does not answer. Default false:
   * open() resolves in the service-lost state and emits 'service-restored' once it answers.
   */
  readonly requireService?: boolean;
  /** Backoff while re-establishing the context after the service was lost. */
  readonly recovery?: RecoveryOptions;
  /** How the reader monitor waits where PnP notification is missing. */
  readonly monitor?: MonitorOptions;
  /**
   * A name for the service this Pcsc reaches (e.g. the machine behind a forwarded `socket`),
   * carried as `service` by every ReaderInfo it reports. Default: the `socket` path when one is given.
   */
  readonly label?: string;
  /** The socket of pcscd the driver speaks to, if one was named: the label's default. */
  readonly socket?: string;
}

/** Events that need the reader monitor; adding a listener for one starts it. */
const MONITORED = new Set<string>(['reader-attached', 'reader-detached', 'card-inserted', 'card-removed', 'service-lost', 'service-restored']);

/** Options of {@link Pcsc.connect}. */
export interface ConnectOptions {
  /** Share mode of the connection. Default 'shared'. */
  readonly share?: ShareMode;
  /** Milliseconds the whole connect may take (a wait for sharing included); then TimeoutError. Default: no limit. */
  readonly timeout?: number;
  /** Protocols the card may use; PC/SC picks one of them. Default T=0 or T=1. */
  readonly protocols?: readonly Protocol[];
  /** Milliseconds to keep retrying while another application holds the card exclusively. */
  readonly waitForSharing?: number;
  /** 'reconnect': after a reset, reconnect, run `restore`, then retry the command once. */
  readonly onReset?: 'throw' | 'reconnect';
  /** With onReset 'reconnect': brings the card back to the state the command needs (e.g. SELECT the applet). */
  readonly restore?: (card: Card) => Promise<void> | void;
  /**
   * Automatic GET RESPONSE: `transmit` follows a 61xx answer with GET RESPONSE until the card gives
   * its final status word (resolving with all the data), and sends a command answered 6Cxx again
   * with the Le the card named. Default: on when the negotiated protocol is T=0, where a card can
   * return data only this way; off for T=1. `false` hands back every answer as it came.
   */
  readonly getResponse?: boolean;
  /** Aborts the connect (and a sharing wait); the connection, if made after the abort, is released. */
  readonly signal?: AbortSignal;
}

/** An application's view of the PC/SC service: readers, cards and their events. */
export class Pcsc extends PcscEmitter {
  static {
    brandClass(this, 'Pcsc');
  }

  /** Also true for instances from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'Pcsc', value);
  }

  private readonly context: ServiceContext;
  private readonly closing = new AbortController();
  private readonly recovery: ServiceRecovery;
  private readonly readerMonitor: ReaderMonitor;
  private readonly cards = new Set<Card>();
  private closed = false;
  private readonly notices: QuirkNotice[] = [];
  private readonly serviceLabel: string | undefined;

  /**
   * The driver every call of this Pcsc goes through (a `PcscDriver` from `resilient-pcsc/driver`),
   * with its quirk workarounds, tracing and isolation applied: for diagnostics (its `name`,
   * `platform`, `capabilities`) and for code that speaks the port directly. A call made on it
   * bypasses this Pcsc's argument checks, deadlines and service recovery.
   */
  readonly driver: PcscDriver;
  /** Which workarounds are on, and why. */
  readonly quirkProfile: QuirkProfile;
  private readonly selection: DriverSelection;

  /** A Pcsc over a finished driver; `Pcsc.open` (the composition root's) builds one through {@link Pcsc.start}. */
  protected constructor(composed: ComposedDriver, options: ServiceOptions) {
    super();
    const { driver } = composed;
    this.driver = driver;
    this.quirkProfile = composed.profile;
    this.selection = composed.selection;
    this.serviceLabel = serviceLabel(options);
    this.context = new ServiceContext(driver, (code, call) => this.recovery.reportLoss(errorFromCode(code, call)));
    this.recovery = new ServiceRecovery(
      driver,
      this.context,
      { lost: (error) => this.emit('service-lost', error), restored: () => this.emit('service-restored') },
      options.recovery ?? {},
      anySignal([this.closing.signal, options.recovery?.signal]),
    );
    this.readerMonitor = new ReaderMonitor(
      driver,
      {
        reportLoss: (error) => this.recovery.reportLoss(error),
        isUp: () => this.recovery.isUp,
        whenUp: (signal) => this.recovery.whenUp(signal),
        change: (change) => this.emitChange(change),
        error: (error) => this.emit('error', error),
      },
      options.monitor,
    );
  }

  /**
   * Builds the driver with `compose` (which reports quirk notices to the sink it is given), makes
   * the Pcsc with `create` and establishes a PC/SC context. While the service is down it resolves
   * in the service-lost state (or rejects with NoServiceError with `requireService: true`).
   * Core never chooses a driver: the composition root's `Pcsc.open` calls this with its own.
   */
  protected static async start<P extends Pcsc>(
    options: ServiceOptions,
    call: string,
    compose: (notify: QuirkNoticeSink) => Promise<ComposedDriver>,
    create: (composed: ComposedDriver) => P,
  ): Promise<P> {
    checkRecoveryOptions(options.recovery);
    serviceLabel(options, call);
    const early: QuirkNotice[] = [];
    let opened: P | undefined = undefined;
    const notify = (notice: QuirkNotice): void => {
      if (opened) opened.reportQuirk(notice);
      else early.push(notice);
    };
    const composed = await compose(notify);
    const { driver } = composed;
    const pcsc = create(composed);
    try {
      await pcsc.context.get();
    } catch (caught) {
      // The fix for a service that does not answer depends on the platform the driver stands for.
      const error = withAdvice(caught as Error, driver.platform.os);
      if (!(error instanceof NoServiceError) || options.requireService === true) {
        await driver.dispose().catch(() => undefined);
        throw error;
      }
      pcsc.recovery.reportLoss(error);
    }
    opened = pcsc;
    // Notices raised while opening reach listeners attached right after `await Pcsc.open()`.
    setImmediate(() => early.forEach((notice) => pcsc.reportQuirk(notice)));
    return pcsc;
  }

  /**
   * The name of the driver that serves this Pcsc: 'pcscd', 'winscard', 'pcsclite', 'smartcard' or a
   * driver object's own name ('simulated', ...). Under driver 'auto' it can change when the service
   * comes back after an outage (see docs/drivers.md): read it again after 'service-restored'.
   */
  get driverName(): string {
    return this.driver.name;
  }

  /**
   * Which driver was chosen when this Pcsc opened, and why: `name`, `reason` (e.g. the first of
   * the 'auto' order that works here) and `tried`, every driver passed over first with the reason
   * it could not serve. Under driver 'auto' `driverName` can change later (after an outage); this
   * stays the choice made at open.
   */
  get driverSelection(): DriverSelection {
    return this.selection;
  }

  /** The service's label: `label`, else the `socket` path, as opened; undefined when neither was given. */
  get label(): string | undefined {
    return this.serviceLabel;
  }

  /** Which SCard* calls the driver really has (a missing one fails with UnsupportedFeatureError). */
  get capabilities(): DriverCapabilities {
    return this.driver.capabilities;
  }

  /** Every quirk notice so far (also emitted as 'quirk' events). */
  get quirkNotices(): readonly QuirkNotice[] {
    return this.notices;
  }

  /** False from 'service-lost' until 'service-restored'. */
  get serviceAvailable(): boolean {
    return this.recovery.isUp;
  }

  /** Starts watching readers and cards (adding a listener for their events does it too). */
  monitor(): this {
    this.assertOpen();
    this.readerMonitor.start();
    return this;
  }

  /** Every event from now on, until `signal` aborts or the Pcsc closes. Starts the monitor. */
  events(given?: { readonly signal?: AbortSignal }): AsyncIterableIterator<PcscEvent> {
    const options = checkOptions<{ readonly signal?: AbortSignal }>(given, 'events');
    const signal = checkSignal(options.signal, 'events');
    this.assertOpen();
    return eventStream(this, this.closing.signal, signal);
  }

  /** Resolves with the reader once a card matching `options` is present (TimeoutError past `timeout`). */
  waitForCard(options?: WaitForCardOptions): Promise<ReaderInfo> {
    if (this.closed) return Promise.reject(this.closedError());
    this.monitor();
    return waitForCard(this, () => this.readerMonitor.whenPrimed().then(() => this.readerMonitor.readers), options).then((reader) => this.labelled(reader));
  }

  protected override listenerAdded(event: string): void {
    if (MONITORED.has(event) && !this.closed) this.readerMonitor.start();
  }

  private emitChange(change: ReaderChange): void {
    if (change.type === 'card-removed') this.emit(change.type, this.labelled(change.reader), change.reason);
    else this.emit(change.type, this.labelled(change.reader));
  }

  /** `reader` with this service's label, when it has one. */
  private labelled<R extends { readonly name: string }>(reader: R): R {
    return this.serviceLabel === undefined ? reader : { ...reader, service: this.serviceLabel };
  }

  private reportQuirk(notice: QuirkNotice): void {
    this.notices.push(notice);
    this.emit('quirk', notice);
  }

  /** Every reader with its state and the ATR of the card in it. No readers gives []. */
  async listReaders(): Promise<ReaderInfo[]> {
    this.assertOpen();
    const listed = await this.watchService(() => this.context.use((context) => this.driver.listReaders(context), 'SCardListReaders'));
    if (listed.rc === SCARD_E_NO_READERS_AVAILABLE) return [];
    const names = unwrap(listed, 'SCardListReaders');
    const queries: ReaderStateQuery[] = names.map((reader) => ({ reader, currentState: SCARD_STATE_UNAWARE }));
    const states = await this.watchService(() => this.context.use((context) => this.driver.getStatusChange(context, queries, 0), 'SCardGetStatusChange'));
    return unwrap(states, 'SCardGetStatusChange').map((state) => this.labelled(toReaderInfo(state)));
  }

  /**
   * Connects to the card in `reader`. `timeout` and `signal` bound the whole call, a wait for
   * sharing included; a handle that arrives after the caller gave up is released at once.
   */
  async connect(reader: string | ReaderInfo, given?: ConnectOptions): Promise<Card> {
    const options = checkOptions<ConnectOptions>(given, 'connect');
    const name = checkReaderName(typeof reader === 'object' && reader !== null ? reader.name : reader, 'connect');
    const share = options.share === undefined ? 'shared' : options.share;
    const shareMode = shareModeCode(share);
    const protocols = protocolMask(options.protocols === undefined ? ['T0', 'T1'] : options.protocols, share);
    const waitForSharing =
      options.waitForSharing === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : (checkTimeout(options.waitForSharing, 'connect', 'waitForSharing') ?? 0);
    const behaviour = cardBehaviour(options);
    this.assertOpen();
    const parameters = { reader: name, shareMode, protocols };
    const connectOnce = (): Promise<{ handle: number; protocol: number }> => this.connectHandle(name, shareMode, protocols);
    const release = (late: { handle: number }): unknown => this.driver.disconnect(late.handle, SCARD_LEAVE_CARD);
    const first = await withDeadline(
      'SCardConnect',
      options,
      (deadline) => connectWithSharingWait(connectOnce, waitForSharing, () => deadline.expired),
      release,
    );
    if (this.closed) {
      await release(first);
      this.assertOpen();
    }
    const card: Card = Card.connected(
      {
        driver: this.driver,
        connectAgain: connectOnce,
        serviceLost: (error) => this.recovery.reportLoss(error),
        forget: (closed) => this.cards.delete(closed),
        serviceGeneration: () => this.context.generation,
        checkService: () => this.checkService(),
        readerListed: (listed) => this.readerListed(listed),
        cardLeft: (left) => cardLeft(() => this.readerEventState(left)),
      },
      parameters,
      first.handle,
      first.protocol,
      behaviour,
    );
    this.cards.add(card);
    return card;
  }

  /** Disconnects every card left open and releases the context. Later calls throw ClosedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    await this.readerMonitor.stop();
    await this.recovery.settle();
    for (const card of [...this.cards]) await card.disconnect('leave').catch(() => undefined);
    this.cards.clear();
    await this.context.release().catch(() => undefined);
    await this.driver.dispose();
    this.removeAllListeners();
  }

  /** True once close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  private async connectHandle(reader: string, shareMode: number, protocols: number): Promise<{ handle: number; protocol: number }> {
    const outcome = await this.watchService(() => this.context.use((context) => this.driver.connect(context, reader, shareMode, protocols), 'SCardConnect'));
    try {
      return unwrap(outcome, 'SCardConnect');
    } catch (error) {
      // A connect pcscd's polkit rules refused carries the fix (SCARD_W_SECURITY_VIOLATION).
      throw withAdvice(error as Error, this.driver.platform.os);
    }
  }

  /** A context that cannot be established means the service is gone: report it, then rethrow. */
  private async watchService<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof NoServiceError) this.recovery.reportLoss(error);
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw this.closedError();
  }

  private closedError(): ClosedError {
    return new ClosedError('This Pcsc was closed with close(); open a new one.');
  }

  /**
   * Asks the service whether the context still lives (a listing does), so a restart of the
   * service shows as a new context generation. False when the service does not answer at all.
   */
  private async checkService(): Promise<boolean> {
    try {
      const listed = await this.context.use((context) => this.driver.listReaders(context), 'SCardListReaders');
      return !isServiceLoss(listed.rc);
    } catch (error) {
      return !(error instanceof NoServiceError);
    }
  }

  /** Whether the service lists `reader` now; undefined when the listing failed. */
  private async readerListed(reader: string): Promise<boolean | undefined> {
    return (await this.readerNames())?.includes(reader);
  }

  /** The reader's event state now (a zero-timeout SCardGetStatusChange); undefined when it could not be read. */
  private async readerEventState(reader: string): Promise<number | undefined> {
    const query = [{ reader, currentState: SCARD_STATE_UNAWARE }];
    const outcome = await this.context.use((context) => this.driver.getStatusChange(context, query, 0), 'SCardGetStatusChange').catch(() => undefined);
    return outcome?.ok ? outcome.value[0]?.eventState : undefined;
  }

  /** The names the service lists now ([] for none); undefined when the listing failed. */
  private async readerNames(): Promise<readonly string[] | undefined> {
    const listed = await this.context.use((context) => this.driver.listReaders(context), 'SCardListReaders').catch(() => undefined);
    if (listed === undefined) return undefined;
    if (listed.rc === SCARD_E_NO_READERS_AVAILABLE) return [];
    return listed.ok ? listed.value : undefined;
  }
}

/** The label of the options, checked, else the socket path. */
function serviceLabel(options: ServiceOptions, call = 'Pcsc.open'): string | undefined {
  if (options.label === undefined) return typeof options.socket === 'string' ? options.socket : undefined;
  if (typeof options.label !== 'string' || options.label.length === 0) {
    throw InvalidArgumentError.expected('label', 'a non-empty string', options.label, call);
  }
  return options.label;
}
