import { toCommandApdu, toCommandBytes, type ApduInput, type CommandApdu } from '../apdu/command-apdu';
import type { ResponseApdu } from '../apdu/response-apdu';
import type { HandleId } from '../driver/pcsc-driver';
import { SCARD_S_SUCCESS } from '../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../driver/scard-constants';
import { cardStateName } from './card-state';
import { check, unwrap } from './check';
import { AbortedError, CardResetError, ClosedError } from '../errors/pcsc-error';
import { checkOptions, withDeadline, type Deadline } from './deadline';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { isServiceLoss } from '../errors/code-kinds';
import { SerialQueue } from '../driver/serial-queue';
import { dispositionCode, initializationCode, protocolName, type Disposition, type Initialization, type Protocol } from './share-protocol';
import { checkAttributeId } from './attribute-id';
import { processReaderGate, TransactionGate } from './transaction-lock';
import { transactionScope, transactionsUnsupported, type TransactionOptions } from './transaction-options';
import { checkTransactionFlag, settleBatch, type BatchResult, type BatchRun, type TransmitBatchOptions } from './transmit-batch-run';
import { CardHandle } from './card-handle';
import { CardExchange, type BatchStep } from './card-exchange';
import type { CardBehaviour, CardHost, CardStatus, ConnectionParameters, TransmitOptions } from './card-types';

export type { CardBehaviour, CardHost, CardStatus, ConnectionParameters, TransmitOptions } from './card-types';
export { NO_VALID_RESPONSE } from './card-handle';

const NO_OPTIONS: TransmitOptions = Object.freeze({});

/** A connection to the card in one reader (one SCardConnect handle). */
export class Card {
  private readonly queue = new SerialQueue();
  /** Held by this card's transactions: its own calls from outside the transaction wait. */
  private readonly gate = new TransactionGate();
  /** Held by `{ scope: 'process' }` transactions on this reader, of any Card in this process. */
  private readonly readerGate: TransactionGate;
  private closed = false;
  /** A reset is being recovered from (reconnect and the application's restore): no second recovery inside it. */
  private restoring = false;
  /** The deadline of the command the driver is working on, if any. */
  private inFlight: Deadline | undefined;
  private readonly handle: CardHandle;
  private readonly exchange: CardExchange;

  private constructor(
    private readonly host: CardHost,
    private readonly parameters: ConnectionParameters,
    handle: HandleId,
    protocol: number,
    private readonly behaviour: CardBehaviour,
  ) {
    this.readerGate = processReaderGate(parameters.reader);
    this.handle = new CardHandle(host, parameters, handle, protocol);
    this.exchange = new CardExchange(this.handle, behaviour);
  }

  /** @internal Pcsc.connect() makes cards; an application never constructs one. */
  static connected(host: CardHost, parameters: ConnectionParameters, handle: HandleId, protocol: number, behaviour: CardBehaviour): Card {
    return new Card(host, parameters, handle, protocol, behaviour);
  }

  /** The PC/SC name of the reader the card sits in. */
  get reader(): string {
    return this.parameters.reader;
  }

  /** The protocol negotiated at connect ('T0', 'T1', 'RAW', or undefined for a direct connection). */
  get protocol(): Protocol | undefined {
    return protocolName(this.handle.protocol);
  }

  /** False once the card was disconnected (or its Pcsc closed). */
  get isConnected(): boolean {
    return !this.closed;
  }

  /**
   * False once a call showed that the handle died with the PC/SC service or that its reader was
   * removed (reconnect() makes a new one once the service or the reader is back).
   */
  get isAlive(): boolean {
    return !this.closed && this.handle.isAlive;
  }

  /** Sends one command APDU and resolves with the card's answer. */
  async transmit(command: ApduInput, given: TransmitOptions = NO_OPTIONS): Promise<ResponseApdu> {
    const parsed = toCommandApdu(command);
    const options = checkOptions<TransmitOptions>(given, 'transmit');
    this.assertOpen();
    return withDeadline('SCardTransmit', options, async (deadline) => {
      // Checked first so that a command with no transaction around reaches the queue in this turn.
      if (this.gate.active || this.readerGate.active) await this.waitForTransactions();
      try {
        return await this.queue.run(() => this.transmitNow(parsed, deadline));
      } catch (error) {
        if (!(error instanceof CardResetError) || this.behaviour.onReset !== 'reconnect' || this.restoring || deadline.expired) throw error;
        // pcsc-lite answers W_RESET_CARD before it sends anything, so the command never reached the card.
        await this.recoverFromReset();
        return this.queue.run(() => this.transmitNow(parsed, deadline));
      }
    });
  }

  /**
   * Sends a list of **independent** commands and resolves with one result per command, in order:
   * its answer, or the typed error transmit() would have rejected it with. No command may depend
   * on another's answer (e.g. a READ whose offset comes from the answer before): on the 'pcscd'
   * driver several are written to pcscd before the first answer is read (one round trip for many
   * commands); on the other drivers they go one after the other. Either way the results are those
   * of sending them one by one with transmit().
   *
   * When a command fails (card removed or reset, service gone), the commands already written
   * still run in pcscd, and fail the same way (a reset or removal is reported until reconnect());
   * nothing more is written after a failure has been read. A sharing violation is waited out as
   * for transmit(), unless another application's transaction ended while refused commands were
   * written: then later ones ran, and the refused ones keep SharingViolationError rather than run
   * out of order. `{ transaction: true }` keeps every other application out for the whole batch.
   * Under T=0 (or with `getResponse: true`) commands go one at a time, since a 61xx answer must be
   * followed at once by its GET RESPONSE; each such answer is completed before the batch resolves.
   * With `onReset: 'reconnect'` a reset is recovered from once, and the commands from the first
   * refused one on are sent again. The promise never rejects for a command's failure; it rejects
   * only for bad input (before anything is sent) or a disconnected card.
   */
  async transmitBatch(commands: readonly ApduInput[], given?: TransmitBatchOptions): Promise<readonly BatchResult[]> {
    if (!Array.isArray(commands)) throw InvalidArgumentError.expected('commands', 'an array of commands', commands, 'transmitBatch');
    const list: readonly ApduInput[] = commands;
    const parsed = list.map((command) => toCommandApdu(command));
    const options = checkOptions<TransmitBatchOptions>(given, 'transmitBatch');
    const inTransaction = checkTransactionFlag(options.transaction, 'transmitBatch');
    this.assertOpen();
    if (parsed.length === 0) return Object.freeze([]);
    return settleBatch('SCardTransmit', parsed.length, options, (run) =>
      inTransaction ? this.transaction(() => this.batchLoop(parsed, run)) : this.batchLoop(parsed, run),
    );
  }

  /** Resolves once no transaction of another caller holds this card or (process-wide) its reader. */
  private async waitForTransactions(): Promise<void> {
    while (this.gate.holdsBackCaller || this.readerGate.holdsBackCaller) {
      await this.gate.waitTurn();
      await this.readerGate.waitTurn();
    }
  }

  /** Sends a control code to the reader (SCardControl). */
  async control(controlCode: number, data: ApduInput | Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    if (!Number.isInteger(controlCode) || controlCode < 0 || controlCode > 0xffffffff) {
      throw InvalidArgumentError.expected('controlCode', 'an integer from 0 to 0xFFFFFFFF', controlCode, 'control');
    }
    const bytes = data instanceof Uint8Array ? data : toCommandBytes(data);
    this.assertOpen();
    await this.waitForTransactions();
    return this.queue.run(async () => {
      this.handle.assertAlive();
      this.handle.assertTrusted('SCardControl');
      return unwrap(await this.handle.watchLoss(await this.host.driver.control(this.handle.id, controlCode, bytes), 'SCardControl'), 'SCardControl');
    });
  }

  /**
   * Reads a reader or card attribute (SCardGetAttrib), e.g. 0x00010100 SCARD_ATTR_VENDOR_NAME.
   * Drivers without the call reject with SCARD_E_UNSUPPORTED_FEATURE.
   */
  async getAttribute(attributeId: number): Promise<Uint8Array> {
    checkAttributeId(attributeId, 'getAttribute');
    this.assertOpen();
    return this.queue.run(async () => {
      this.handle.assertAlive();
      return unwrap(await this.handle.watchLoss(await this.host.driver.getAttribute(this.handle.id, attributeId), 'SCardGetAttrib'), 'SCardGetAttrib');
    });
  }

  /** Writes a reader or card attribute (SCardSetAttrib). */
  async setAttribute(attributeId: number, value: Uint8Array): Promise<void> {
    checkAttributeId(attributeId, 'setAttribute');
    if (!(value instanceof Uint8Array)) throw InvalidArgumentError.expected('value', 'a Uint8Array', value, 'setAttribute');
    this.assertOpen();
    await this.queue.run(async () => {
      this.handle.assertAlive();
      const rc = await this.host.driver.setAttribute(this.handle.id, attributeId, value);
      await this.handle.watchLoss({ rc }, 'SCardSetAttrib');
      check(rc, 'SCardSetAttrib');
    });
  }

  /** The card's state as SCardStatus reports it. */
  async status(): Promise<CardStatus> {
    this.assertOpen();
    await this.waitForTransactions();
    this.handle.assertAlive();
    this.handle.assertTrusted('SCardStatus');
    const result = unwrap(await this.handle.watchLoss(await this.host.driver.status(this.handle.id), 'SCardStatus'), 'SCardStatus');
    return {
      reader: result.reader,
      state: cardStateName(result.state),
      stateBits: result.state,
      protocol: protocolName(result.protocol),
      atr: result.atr,
    };
  }

  /**
   * Runs `body` with exclusive use of the card and resolves with its result.
   *
   * By default (`scope: 'system'`) this is SCardBeginTransaction / SCardEndTransaction: other
   * applications wait. A driver without them rejects with UnsupportedFeatureError (before `body`
   * runs) rather than pretend. `{ scope: 'process' }` also holds back every other Card of every Pcsc
   * of this process on the reader (their calls wait); on a driver without transactions it is the
   * only protection, and other processes are not held back.
   */
  async transaction<T>(body: (card: Card) => Promise<T> | T, given?: TransactionOptions): Promise<T> {
    const options = checkOptions<TransactionOptions>(given, 'transaction');
    if (typeof body !== 'function') throw InvalidArgumentError.expected('body', 'a function', body, 'transaction');
    const endDisposition = dispositionCode(options.end === undefined ? 'leave' : options.end);
    const scope = transactionScope(options.scope);
    this.assertOpen();
    const driver = this.host.driver;
    const system = driver.capabilities.transactions;
    if (!system && scope === 'system') throw transactionsUnsupported(driver.name);
    const exclusive = (): Promise<T> => this.gate.run(async () => (system ? this.inSystemTransaction(body, endDisposition) : body(this)));
    return scope === 'process' ? this.readerGate.run(exclusive) : exclusive();
  }

  private async inSystemTransaction<T>(body: (card: Card) => Promise<T> | T, endDisposition: number): Promise<T> {
    const driver = this.host.driver;
    this.handle.assertAlive();
    this.handle.assertTrusted('SCardBeginTransaction');
    check((await this.handle.watchLoss({ rc: await driver.beginTransaction(this.handle.id) }, 'SCardBeginTransaction')).rc, 'SCardBeginTransaction');
    let result: T;
    try {
      result = await body(this);
    } catch (error) {
      await driver.endTransaction(this.handle.id, endDisposition);
      throw error;
    }
    check((await this.handle.watchLoss({ rc: await driver.endTransaction(this.handle.id, endDisposition) }, 'SCardEndTransaction')).rc, 'SCardEndTransaction');
    return result;
  }

  /** Re-establishes the connection (SCardReconnect, or disconnect + connect where the driver lacks it). */
  async reconnect(given?: { initialization?: Initialization }): Promise<void> {
    const options = checkOptions<{ initialization?: Initialization }>(given, 'reconnect');
    const initialization = initializationCode(options.initialization === undefined ? 'leave' : options.initialization);
    this.assertOpen();
    await this.waitForTransactions();
    await this.queue.run(() => this.reconnectNow(initialization));
  }

  /** Ends the connection; `disposition` says what happens to the card (default 'leave'). */
  async disconnect(disposition: Disposition = 'leave'): Promise<void> {
    const code = dispositionCode(disposition);
    if (this.closed) return;
    const end = async (): Promise<void> => {
      if (this.closed) return;
      this.closed = true;
      this.host.forget(this);
      const rc = await this.host.driver.disconnect(this.handle.id, code);
      // A handle that died with the service is gone already.
      const stale = this.handle.isStale;
      if (rc !== SCARD_S_SUCCESS && !isServiceLoss(rc) && !stale) check(rc, 'SCardDisconnect');
    };
    // A command whose caller gave up (a card that never answers) must not hold the connection open:
    // the driver ends it now, and commands queued behind it fail with ClosedError.
    if (this.inFlight?.expired) return end();
    await this.queue.run(end);
  }

  private async transmitNow(command: CommandApdu, deadline: Deadline): Promise<ResponseApdu> {
    this.assertOpen();
    // The caller stopped waiting while this command was queued: it must not reach the card.
    if (deadline.expired) throw new AbortedError('The caller stopped waiting before the command was sent.');
    this.handle.assertAlive();
    this.handle.assertTrusted('SCardTransmit');
    this.inFlight = deadline;
    try {
      return await this.exchange.exchange(command);
    } finally {
      this.inFlight = undefined;
    }
  }

  /** The batch's commands, a driver batch at a time, each in its own queue turn (reset recovery runs between). */
  private async batchLoop(commands: readonly CommandApdu[], run: BatchRun): Promise<void> {
    if (this.gate.active || this.readerGate.active) await this.waitForTransactions();
    let index = 0;
    let recoveredAt = -1;
    while (index < commands.length && !run.expired) {
      const from = index;
      const mayRecover = (at: number): boolean => this.behaviour.onReset === 'reconnect' && !this.restoring && !run.expired && at !== recoveredAt;
      const step = await this.queue.run(() => this.batchStep(commands, from, run, mayRecover));
      index += step.settled;
      if (!step.reset) {
        if (step.settled === 0) break;
        continue;
      }
      recoveredAt = index;
      try {
        await this.recoverFromReset();
      } catch (error) {
        run.failed(index, error);
        index += 1;
      }
    }
  }

  /** One batch step in this queue turn, unless the card or its handle refuses commands now. */
  private async batchStep(commands: readonly CommandApdu[], from: number, run: BatchRun, mayRecover: (at: number) => boolean): Promise<BatchStep> {
    if (run.expired) return { settled: 0, reset: false };
    try {
      this.assertOpen();
      this.handle.assertAlive();
      this.handle.assertTrusted('SCardTransmit');
    } catch (error) {
      run.failedFrom(from, error);
      return { settled: commands.length - from, reset: false };
    }
    this.inFlight = run;
    try {
      return await this.exchange.batchStep(commands, from, run, mayRecover);
    } finally {
      this.inFlight = undefined;
    }
  }

  private async reconnectNow(initialization: number): Promise<void> {
    await this.handle.renew(initialization);
  }

  private async recoverFromReset(): Promise<void> {
    this.restoring = true;
    try {
      await this.queue.run(() => this.reconnectNow(SCARD_LEAVE_CARD));
      await this.behaviour.restore?.(this);
    } finally {
      this.restoring = false;
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ClosedError(`The connection to "${this.reader}" was closed with disconnect().`);
    }
  }
}
