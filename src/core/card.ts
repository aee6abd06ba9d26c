import { toCommandBytes, type ApduInput } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import type { HandleId, Outcome, PcscDriver } from '../driver/pcsc-driver';
import {
  SCARD_E_CANCELLED,
  SCARD_E_COMM_DATA_LOST,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_NO_SERVICE,
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_READER_UNAVAILABLE,
  SCARD_E_SERVICE_STOPPED,
  SCARD_S_SUCCESS,
  SCARD_W_REMOVED_CARD,
} from '../driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0 } from '../driver/scard-constants';
import { exchangeWithT0Handling } from '../apdu/t0-exchange';
import { cardStateName, type CardState } from './card-state';
import { check, unwrap } from './check';
import { AbortedError, CardResetError, ClosedError, NoServiceError, type PcscError } from '../errors/pcsc-error';
import { checkOptions, withDeadline, type CallLimits, type Deadline } from './deadline';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { isServiceLoss, mayFollowServiceRestart, mayMeanReaderRemoved } from '../errors/code-kinds';
import { describeCode, errorFromCode } from '../errors/error-table';
import { SerialQueue } from '../driver/serial-queue';
import {
  dispositionCode,
  initializationCode,
  protocolName,
  type Disposition,
  type Initialization,
  type Protocol,
} from './share-protocol';
import { checkAttributeId } from './attribute-id';
import { processReaderGate, TransactionGate } from './transaction-lock';
import { transactionScope, transactionsUnsupported, type TransactionOptions } from './transaction-options';
import { transmitBatchOf } from '../driver/transmit-batch';
import { checkTransactionFlag, settleBatch, type BatchResult, type BatchRun, type TransmitBatchOptions } from './transmit-batch-run';

/** What a Card needs from the Pcsc that opened it. */
export interface CardHost {
  readonly driver: PcscDriver;
  /** A new handle on the same reader with the same share mode and protocols (reconnect fallback). */
  connectAgain(): Promise<{ handle: HandleId; protocol: number }>;
  /** A call on the handle showed that the service is gone. */
  serviceLost(error: NoServiceError): void;
  /** The application disconnected this card; the host forgets it. */
  forget(card: Card): void;
  /** Grows each time the host establishes a new PC/SC context (see ServiceContext.generation). */
  serviceGeneration(): number;
  /**
   * Asks the service whether the host's context still lives, so a restart raises the generation.
   * Resolves false when the service does not answer at all (it is gone, and every handle with it).
   */
  checkService(): Promise<boolean>;
  /** Whether the service still lists `reader`; undefined when the listing itself failed. */
  readerListed(reader: string): Promise<boolean | undefined>;
  /** Whether the card left `reader` now or within a poll or two of the reader (see cardLeft); undefined when its state could not be read. */
  cardLeft(reader: string): Promise<boolean | undefined>;
}

/** Options of one transmit. */
export interface TransmitOptions extends CallLimits {
  /**
   * Milliseconds to wait for the answer (queueing behind earlier commands included); then the
   * promise rejects with TimeoutError. The command itself is not interrupted: later commands
   * on this card wait until it has finished.
   */
  readonly timeout?: number;
  /**
   * Aborting rejects with AbortedError, whose `cause` is the signal's reason (TimeoutError for
   * `AbortSignal.timeout()`; a library error given as the reason is kept as is); a command not
   * yet sent is never sent.
   */
  readonly signal?: AbortSignal;
}

const NO_OPTIONS: TransmitOptions = Object.freeze({});

/** Opens the message of the error for an answer without a status word (PySCard's wording). */
export const NO_VALID_RESPONSE = 'Card returned no valid response';

export interface CardBehaviour {
  readonly onReset: 'throw' | 'reconnect';
  readonly restore: ((card: Card) => Promise<void> | void) | undefined;
  /** Complete 61xx / 6Cxx answers; undefined: only under T=0. */
  readonly getResponse: boolean | undefined;
}

/** How the handle was opened, reused by reconnect. */
export interface ConnectionParameters {
  readonly reader: string;
  readonly shareMode: number;
  readonly protocols: number;
}

/** What SCardStatus reports about a connected card. */
export interface CardStatus {
  /** The reader's PC/SC name. */
  readonly reader: string;
  /** 'specific' once a protocol is set, 'powered', 'absent', ... (see CardState). */
  readonly state: CardState;
  /** The raw SCARD_ABSENT ... SCARD_SPECIFIC bits, event counter in the upper 16 bits. */
  readonly stateBits: number;
  /** The protocol in use, or undefined for a direct connection. */
  readonly protocol: Protocol | undefined;
  /** The card's Answer To Reset. */
  readonly atr: Uint8Array;
}

/** A connection to the card in one reader (one SCardConnect handle). */
export class Card {
  private readonly queue = new SerialQueue();
  /** Held by this card's transactions: its own calls from outside the transaction wait. */
  private readonly gate = new TransactionGate();
  /** Held by `{ scope: 'process' }` transactions on this reader, of any Card in this process. */
  private readonly readerGate: TransactionGate;
  private closed = false;
  private restoring = false;
  /** The handle died with the service or with its reader (unplugged); only reconnect() helps. */
  private dead: PcscError | undefined;
  /** The host's service generation when this handle was made. */
  private generation: number;
  /**
   * The card answered no valid response, so it may have been swapped without the reader noticing
   * (a reader can report it present throughout); only reconnect() makes the handle usable again.
   */
  private untrusted = false;
  /** The deadline of the command the driver is working on, if any. */
  private inFlight: Deadline | undefined;

  private constructor(
    private readonly host: CardHost,
    private readonly parameters: ConnectionParameters,
    private handle: HandleId,
    private activeProtocol: number,
    private readonly behaviour: CardBehaviour,
  ) {
    this.readerGate = processReaderGate(parameters.reader);
    this.generation = host.serviceGeneration();
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
    return protocolName(this.activeProtocol);
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
    return !this.closed && this.dead === undefined;
  }

  /** Sends one command APDU and resolves with the card's answer. */
  async transmit(command: ApduInput, given: TransmitOptions = NO_OPTIONS): Promise<ResponseApdu> {
    const bytes = toCommandBytes(command);
    const options = checkOptions<TransmitOptions>(given, 'transmit');
    this.assertOpen();
    return withDeadline('SCardTransmit', options, async (deadline) => {
      // Checked first so that a command with no transaction around reaches the queue in this turn.
      if (this.gate.active || this.readerGate.active) await this.waitForTransactions();
      try {
        return await this.queue.run(() => this.transmitNow(bytes, deadline));
      } catch (error) {
        if (!(error instanceof CardResetError) || this.behaviour.onReset !== 'reconnect' || this.restoring || deadline.expired) throw error;
        // pcsc-lite answers W_RESET_CARD before it sends anything, so the command never reached the card.
        await this.recoverFromReset();
        return this.queue.run(() => this.transmitNow(bytes, deadline));
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
    const bytes = list.map((command) => toCommandBytes(command));
    const options = checkOptions<TransmitBatchOptions>(given, 'transmitBatch');
    const inTransaction = checkTransactionFlag(options.transaction, 'transmitBatch');
    this.assertOpen();
    if (bytes.length === 0) return Object.freeze([]);
    return settleBatch('SCardTransmit', bytes.length, options, (run) =>
      inTransaction ? this.transaction(() => this.batchLoop(bytes, run)) : this.batchLoop(bytes, run),
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
      this.assertAlive();
      this.assertTrusted('SCardControl');
      return unwrap(await this.watchLoss(await this.host.driver.control(this.handle, controlCode, bytes), 'SCardControl'), 'SCardControl');
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
      this.assertAlive();
      return unwrap(await this.watchLoss(await this.host.driver.getAttribute(this.handle, attributeId), 'SCardGetAttrib'), 'SCardGetAttrib');
    });
  }

  /** Writes a reader or card attribute (SCardSetAttrib). */
  async setAttribute(attributeId: number, value: Uint8Array): Promise<void> {
    checkAttributeId(attributeId, 'setAttribute');
    if (!(value instanceof Uint8Array)) throw InvalidArgumentError.expected('value', 'a Uint8Array', value, 'setAttribute');
    this.assertOpen();
    await this.queue.run(async () => {
      this.assertAlive();
      const rc = await this.host.driver.setAttribute(this.handle, attributeId, value);
      await this.watchLoss({ rc }, 'SCardSetAttrib');
      check(rc, 'SCardSetAttrib');
    });
  }

  /** The card's state as SCardStatus reports it. */
  async status(): Promise<CardStatus> {
    this.assertOpen();
    await this.waitForTransactions();
    this.assertAlive();
    this.assertTrusted('SCardStatus');
    const result = unwrap(await this.watchLoss(await this.host.driver.status(this.handle), 'SCardStatus'), 'SCardStatus');
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
    this.assertAlive();
    this.assertTrusted('SCardBeginTransaction');
    check((await this.watchLoss({ rc: await driver.beginTransaction(this.handle) }, 'SCardBeginTransaction')).rc, 'SCardBeginTransaction');
    let result: T;
    try {
      result = await body(this);
    } catch (error) {
      await driver.endTransaction(this.handle, endDisposition);
      throw error;
    }
    check((await this.watchLoss({ rc: await driver.endTransaction(this.handle, endDisposition) }, 'SCardEndTransaction')).rc, 'SCardEndTransaction');
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
      const rc = await this.host.driver.disconnect(this.handle, code);
      // A handle that died with the service is gone already.
      const stale = this.dead !== undefined || this.host.serviceGeneration() !== this.generation;
      if (rc !== SCARD_S_SUCCESS && !isServiceLoss(rc) && !stale) check(rc, 'SCardDisconnect');
    };
    // A command whose caller gave up (a card that never answers) must not hold the connection open:
    // the driver ends it now, and commands queued behind it fail with ClosedError.
    if (this.inFlight?.expired) return end();
    await this.queue.run(end);
  }

  private async transmitNow(bytes: Uint8Array, deadline: Deadline): Promise<ResponseApdu> {
    this.assertOpen();
    // The caller stopped waiting while this command was queued: it must not reach the card.
    if (deadline.expired) throw new AbortedError(SCARD_E_CANCELLED, 'The caller stopped waiting before the command was sent.');
    this.assertAlive();
    this.assertTrusted('SCardTransmit');
    this.inFlight = deadline;
    try {
      const answer = await this.sendOnce(bytes);
      return new ResponseApdu(this.continuesUnderT0(answer) ? await this.completeT0(bytes, answer) : answer);
    } finally {
      this.inFlight = undefined;
    }
  }

  /** The batch's commands, a driver batch at a time, each in its own queue turn (reset recovery runs between). */
  private async batchLoop(bytes: readonly Uint8Array[], run: BatchRun): Promise<void> {
    if (this.gate.active || this.readerGate.active) await this.waitForTransactions();
    let index = 0;
    let recoveredAt = -1;
    while (index < bytes.length && !run.expired) {
      const from = index;
      const mayRecover = (at: number): boolean =>
        this.behaviour.onReset === 'reconnect' && !this.restoring && !run.expired && at !== recoveredAt;
      const step = await this.queue.run(() => this.batchStep(bytes, from, run, mayRecover));
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

  /**
   * Sends commands from `from` on, as one driver batch (one command under T=0 handling), and
   * records their results as transmit() would have settled them. Stops before a reset that
   * `mayRecover` from, leaving it unsettled.
   */
  private async batchStep(
    bytes: readonly Uint8Array[],
    from: number,
    run: BatchRun,
    mayRecover: (at: number) => boolean,
  ): Promise<{ readonly settled: number; readonly reset: boolean }> {
    if (run.expired) return { settled: 0, reset: false };
    try {
      this.assertOpen();
      this.assertAlive();
      this.assertTrusted('SCardTransmit');
    } catch (error) {
      run.failedFrom(from, error);
      return { settled: bytes.length - from, reset: false };
    }
    this.inFlight = run;
    try {
      if (this.behaviour.getResponse ?? this.activeProtocol === SCARD_PROTOCOL_T0) {
        const command = bytes[from] as Uint8Array;
        try {
          const answer = await this.sendOnce(command);
          run.answered(from, new ResponseApdu(this.continuesUnderT0(answer) ? await this.completeT0(command, answer) : answer));
        } catch (error) {
          if (error instanceof CardResetError && mayRecover(from)) return { settled: 0, reset: true };
          run.failed(from, error);
        }
        return { settled: 1, reset: false };
      }
      let outcomes: readonly Outcome<Uint8Array>[];
      let streamed = 0;
      try {
        // Answers are kept as they arrive, so a timeout or abort later in the batch does not lose them.
        const control = {
          stopped: run.stopped,
          answered: (offset: number, answer: Uint8Array): void => {
            if (offset !== streamed || answer.length < 2) return;
            run.answered(from + offset, new ResponseApdu(answer));
            streamed += 1;
          },
        };
        outcomes = await transmitBatchOf(this.host.driver)(this.handle, this.activeProtocol, bytes.slice(from), control);
      } catch (error) {
        run.failed(from + streamed, error);
        return { settled: streamed + 1, reset: false };
      }
      // The answers before the first failure were settled as they came; the rest as transmit() would settle them.
      for (let offset = streamed; offset < outcomes.length; offset += 1) {
        try {
          // An earlier answer of this batch may have shown the handle dead or the card untrustworthy.
          this.assertAlive();
          this.assertTrusted('SCardTransmit');
          run.answered(from + offset, new ResponseApdu(await this.answerOf(outcomes[offset] as Outcome<Uint8Array>)));
        } catch (error) {
          if (error instanceof CardResetError && mayRecover(from + offset)) return { settled: offset, reset: true };
          run.failed(from + offset, error);
        }
      }
      return { settled: outcomes.length, reset: false };
    } finally {
      this.inFlight = undefined;
    }
  }

  /** One SCardTransmit: the answer (data + SW1 SW2) or the typed error. */
  private async sendOnce(command: Uint8Array): Promise<Uint8Array> {
    return this.answerOf(await this.host.driver.transmit(this.handle, this.activeProtocol, command));
  }

  /** A transmit's outcome as the answer (data + SW1 SW2) or the typed error. */
  private async answerOf(sent: Outcome<Uint8Array>): Promise<Uint8Array> {
    // Every command passes here: an answer skips the awaited checks a failure needs.
    const outcome = sent.rc === SCARD_S_SUCCESS ? sent : await this.watchLoss(sent, 'SCardTransmit');
    const answer = unwrap(outcome, 'SCardTransmit');
    if (answer.length < 2) throw this.distrust(answer.length);
    return answer;
  }

  /** 61xx (more data: GET RESPONSE) or 6Cxx (wrong Le: send again) while automatic GET RESPONSE is on. */
  private continuesUnderT0(answer: Uint8Array): boolean {
    const sw1 = answer[answer.length - 2];
    if (sw1 !== 0x61 && sw1 !== 0x6c) return false;
    return this.behaviour.getResponse ?? this.activeProtocol === SCARD_PROTOCOL_T0;
  }

  /** Finishes the exchange `first` began, in the same queue turn so no other command slips in between. */
  private completeT0(command: Uint8Array, first: Uint8Array): Promise<Uint8Array> {
    let pending: Uint8Array | undefined = first;
    const send = (next: Uint8Array): Promise<Uint8Array> => {
      const answer = pending;
      pending = undefined;
      return answer ? Promise.resolve(answer) : this.sendOnce(next);
    };
    return exchangeWithT0Handling(send, command);
  }

  /** A "successful" answer without a status word means the exchange broke (e.g. the card left mid-command). */
  private distrust(length: number): PcscError {
    this.untrusted = true;
    return errorFromCode(
      SCARD_E_COMM_DATA_LOST,
      'SCardTransmit',
      `${NO_VALID_RESPONSE} (${length} byte(s), no status word). The card in "${this.reader}" may have been ` +
        'removed or replaced; this connection refuses further commands until reconnect().',
    );
  }

  private async reconnectNow(initialization: number): Promise<void> {
    await this.renewHandle(initialization);
    // SCardReconnect (or a fresh connect) found a card in the reader and the application starts over with it.
    this.untrusted = false;
  }

  private async renewHandle(initialization: number): Promise<void> {
    const driver = this.host.driver;
    if (this.dead || this.host.serviceGeneration() !== this.generation) {
      // The old handle belongs to a daemon that is gone: connect afresh.
      await driver.disconnect(this.handle, SCARD_LEAVE_CARD).catch(() => undefined);
      const again = await this.host.connectAgain();
      this.handle = again.handle;
      this.activeProtocol = again.protocol;
      this.generation = this.host.serviceGeneration();
      this.dead = undefined;
      return;
    }
    if (driver.capabilities.reconnect) {
      const outcome = await this.watchLoss(
        await driver.reconnect(this.handle, this.parameters.shareMode, this.parameters.protocols, initialization),
        'SCardReconnect',
      );
      this.activeProtocol = unwrap(outcome, 'SCardReconnect');
      return;
    }
    await driver.disconnect(this.handle, initialization);
    const again = await this.host.connectAgain();
    this.handle = again.handle;
    this.activeProtocol = again.protocol;
    this.generation = this.host.serviceGeneration();
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

  /**
   * Marks the handle dead when `outcome` says the service is gone, and tells the host. Any other
   * failure may come from a service that died or restarted under the handle (libpcsclite answers
   * SCARD_W_SECURITY_VIOLATION when the daemon's end of its socket was reset, which a daemon
   * killed with a request unread does; smartcard turns that into SCARD_F_UNKNOWN_ERROR): the host
   * checks its context, and a service that no longer answers, or a new generation, means the
   * handle is dead too, whatever the code.
   */
  private async watchLoss<T extends { rc: number }>(outcome: T, call: string): Promise<T> {
    if (outcome.rc === SCARD_S_SUCCESS) return outcome;
    const brokeExchange = outcome.rc === SCARD_E_NOT_TRANSACTED;
    if (mayMeanReaderRemoved(outcome.rc) || brokeExchange) await this.watchReaderRemoval(call, outcome.rc);
    // Other calls answer it for a reader driver's refusal too (SCardSetAttrib): only a command has a card to lose.
    if (brokeExchange && call === 'SCardTransmit') await this.watchCardRemoval(call);
    if (isServiceLoss(outcome.rc)) {
      const lost = errorFromCode(outcome.rc, call);
      this.dead = new NoServiceError(
        lost.code,
        `${lost.message} The connection to "${this.reader}" died with the PC/SC service; call reconnect() once it is back.`,
        call,
      );
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- this.dead was just built by NoServiceError's constructor
      this.host.serviceLost(this.dead);
      throw this.dead;
    }
    if (!mayFollowServiceRestart(outcome.rc)) return outcome;
    const answers = await this.host.checkService();
    this.assertAlive(call, outcome.rc);
    if (answers) return outcome;
    this.dead = new NoServiceError(
      SCARD_E_NO_SERVICE,
      `${call} answered ${describeCode(outcome.rc).name} and the PC/SC service no longer answers: the connection to ` +
        `"${this.reader}" died with it; call reconnect() once it is back.`,
      call,
      { cause: errorFromCode(outcome.rc, call) },
    );
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- this.dead was just built by NoServiceError's constructor
    this.host.serviceLost(this.dead);
    throw this.dead;
  }

  /**
   * Marks the handle dead and throws the reader-removed error (UnknownReaderError with
   * SCARD_E_READER_UNAVAILABLE) when the reader is gone: the call said so itself
   * (SCARD_E_READER_UNAVAILABLE, e.g. pcscd once the reader driver reports the device gone), or
   * the service, still the one that made the handle, no longer lists the reader.
   */
  private async watchReaderRemoval(call: string, answered: number): Promise<void> {
    if (answered !== SCARD_E_READER_UNAVAILABLE) {
      if (this.host.serviceGeneration() !== this.generation) return;
      const listed = await this.host.readerListed(this.reader);
      if (listed !== false || this.host.serviceGeneration() !== this.generation) return;
    }
    this.dead = errorFromCode(
      SCARD_E_READER_UNAVAILABLE,
      call,
      `The reader "${this.reader}" was removed (the call answered ${describeCode(answered).name}); call reconnect() once it is back.`,
    );
    throw this.dead;
  }

  /**
   * After SCARD_E_NOT_TRANSACTED (the exchange with the card broke): when the card left the reader
   * (pcscd may report it only at its next poll of the reader), the call fails with
   * CardRemovedError and, as after an answer without a status word, the connection refuses
   * further commands until reconnect(). A card still in place keeps the code's own error.
   */
  private async watchCardRemoval(call: string): Promise<void> {
    if (this.host.serviceGeneration() !== this.generation) return;
    if ((await this.host.cardLeft(this.reader)) !== true) return;
    this.untrusted = true;
    throw errorFromCode(
      SCARD_W_REMOVED_CARD,
      call,
      `The card in "${this.reader}" left the reader during the exchange (the call answered SCARD_E_NOT_TRANSACTED); ` +
        'this connection refuses further commands until reconnect().',
    );
  }

  /** Throws when the handle is dead: it died with the service or its reader, or the service restarted since it was made. */
  private assertAlive(call?: string, answered?: number): void {
    if (!this.dead && this.host.serviceGeneration() !== this.generation) {
      const code = answered === undefined ? '' : ` (it answered ${describeCode(answered).name})`;
      this.dead = new NoServiceError(
        SCARD_E_SERVICE_STOPPED,
        `${call ?? 'SCard'}: the PC/SC service restarted since the connection to "${this.reader}" was made${code}; call reconnect().`,
        call,
      );
    }
    if (this.dead) throw this.dead;
  }

  private assertTrusted(call: string): void {
    if (!this.untrusted) return;
    throw errorFromCode(
      SCARD_W_REMOVED_CARD,
      call,
      `The card in "${this.reader}" returned no valid response to an earlier command, so it may have been removed or ` +
        'replaced. Call reconnect() to check the reader and use the card again.',
    );
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ClosedError(SCARD_E_INVALID_HANDLE, `The connection to "${this.reader}" was closed with disconnect().`);
    }
  }
}
