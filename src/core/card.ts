import { toCommandBytes, type ApduInput } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import type { HandleId, PcscDriver } from '../driver/pcsc-driver';
import { SCARD_E_CANCELLED, SCARD_E_INVALID_HANDLE, SCARD_S_SUCCESS } from '../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../driver/scard-constants';
import { cardStateName, type CardState } from './card-state';
import { check, unwrap } from './check';
import { AbortedError, CardResetError, ClosedError, NoServiceError } from '../errors/pcsc-error';
import { checkTimeout, withDeadline, type CallLimits, type Deadline } from './deadline';
import { isServiceLoss } from '../errors/code-kinds';
import { errorFromCode } from '../errors/error-table';
import { SerialQueue } from '../driver/serial-queue';
import {
  dispositionCode,
  initializationCode,
  protocolName,
  type Disposition,
  type Initialization,
  type Protocol,
} from './share-protocol';
import { TransactionGate } from './transaction-lock';

/** What a Card needs from the Pcsc that opened it. */
export interface CardHost {
  readonly driver: PcscDriver;
  /** A new handle on the same reader with the same share mode and protocols (reconnect fallback). */
  connectAgain(): Promise<{ handle: HandleId; protocol: number }>;
  /** The per-reader lock used when the driver has no SCardBeginTransaction. */
  readerGate(): TransactionGate;
  /** A call on the handle showed that the service is gone. */
  serviceLost(error: NoServiceError): void;
  /** The application disconnected this card; the host forgets it. */
  forget(card: Card): void;
}

/** Options of one transmit. */
export interface TransmitOptions extends CallLimits {
  /**
   * Milliseconds to wait for the answer (queueing behind earlier commands included); then the
   * promise rejects with TimeoutError. The command itself is not interrupted: later commands
   * on this card wait until it has finished.
   */
  readonly timeout?: number;
  /** Aborting rejects with the signal's reason; a command not yet sent is never sent. */
  readonly signal?: AbortSignal;
}

const NO_OPTIONS: TransmitOptions = Object.freeze({});

export interface CardBehaviour {
  readonly onReset: 'throw' | 'reconnect';
  readonly restore: ((card: Card) => Promise<void> | void) | undefined;
}

/** How the handle was opened, reused by reconnect. */
export interface ConnectionParameters {
  readonly reader: string;
  readonly shareMode: number;
  readonly protocols: number;
}

export interface CardStatus {
  readonly reader: string;
  /** 'specific' once a protocol is set, 'powered', 'absent', ... (see CardState). */
  readonly state: CardState;
  /** The raw SCARD_ABSENT ... SCARD_SPECIFIC bits, event counter in the upper 16 bits. */
  readonly stateBits: number;
  readonly protocol: Protocol | undefined;
  readonly atr: Uint8Array;
}

/** A connection to the card in one reader (one SCardConnect handle). */
export class Card {
  private readonly queue = new SerialQueue();
  private readonly gate = new TransactionGate();
  private closed = false;
  private restoring = false;
  /** The handle died with the service; only reconnect() helps. */
  private dead: NoServiceError | undefined;

  private constructor(
    private readonly host: CardHost,
    private readonly parameters: ConnectionParameters,
    private handle: HandleId,
    private activeProtocol: number,
    private readonly behaviour: CardBehaviour,
  ) {}

  /** @internal Pcsc.connect() makes cards; an application never constructs one. */
  static connected(host: CardHost, parameters: ConnectionParameters, handle: HandleId, protocol: number, behaviour: CardBehaviour): Card {
    return new Card(host, parameters, handle, protocol, behaviour);
  }

  get reader(): string {
    return this.parameters.reader;
  }

  /** The protocol negotiated at connect ('T0', 'T1', 'RAW', or undefined for a direct connection). */
  get protocol(): Protocol | undefined {
    return protocolName(this.activeProtocol);
  }

  get isConnected(): boolean {
    return !this.closed;
  }

  /** False once a call showed that the handle died with the PC/SC service (reconnect() makes a new one). */
  get isAlive(): boolean {
    return !this.closed && this.dead === undefined;
  }

  /** Sends one command APDU and resolves with the card's answer. */
  async transmit(command: ApduInput, options: TransmitOptions = NO_OPTIONS): Promise<ResponseApdu> {
    const bytes = toCommandBytes(command);
    checkTimeout(options.timeout, 'transmit');
    this.assertOpen();
    return withDeadline('SCardTransmit', options, async (deadline) => {
      if (this.gate.active) await this.gate.waitTurn();
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

  /** Sends a control code to the reader (SCardControl). */
  async control(controlCode: number, data: ApduInput | Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    const bytes = data instanceof Uint8Array ? data : toCommandBytes(data);
    this.assertOpen();
    return this.queue.run(async () => {
      this.assertAlive();
      return unwrap(this.watchLoss(await this.host.driver.control(this.handle, controlCode, bytes), 'SCardControl'), 'SCardControl');
    });
  }

  /** The card's state as SCardStatus reports it. */
  async status(): Promise<CardStatus> {
    this.assertOpen();
    this.assertAlive();
    const result = unwrap(this.watchLoss(await this.host.driver.status(this.handle), 'SCardStatus'), 'SCardStatus');
    return {
      reader: result.reader,
      state: cardStateName(result.state),
      stateBits: result.state,
      protocol: protocolName(result.protocol),
      atr: result.atr,
    };
  }

  /**
   * Runs `body` with exclusive use of the card: SCardBeginTransaction/EndTransaction where the
   * driver has them, otherwise a lock shared by every Card on this reader in this process.
   */
  async transaction<T>(body: (card: Card) => Promise<T> | T, options: { end?: Disposition } = {}): Promise<T> {
    const endDisposition = dispositionCode(options.end ?? 'leave');
    this.assertOpen();
    const driver = this.host.driver;
    if (!driver.capabilities.transactions) {
      return this.host.readerGate().run(() => this.gate.run(async () => body(this)));
    }
    return this.gate.run(async () => {
      check(await driver.beginTransaction(this.handle), 'SCardBeginTransaction');
      let result: T;
      try {
        result = await body(this);
      } catch (error) {
        await driver.endTransaction(this.handle, endDisposition);
        throw error;
      }
      check(await driver.endTransaction(this.handle, endDisposition), 'SCardEndTransaction');
      return result;
    });
  }

  /** Re-establishes the connection (SCardReconnect, or disconnect + connect where the driver lacks it). */
  async reconnect(options: { initialization?: Initialization } = {}): Promise<void> {
    const initialization = initializationCode(options.initialization ?? 'leave');
    this.assertOpen();
    await this.queue.run(() => this.reconnectNow(initialization));
  }

  /** Ends the connection; `disposition` says what happens to the card (default 'leave'). */
  async disconnect(disposition: Disposition = 'leave'): Promise<void> {
    const code = dispositionCode(disposition);
    if (this.closed) return;
    await this.queue.run(async () => {
      if (this.closed) return;
      this.closed = true;
      this.host.forget(this);
      const rc = await this.host.driver.disconnect(this.handle, code);
      // A handle that died with the service is gone already.
      if (rc !== SCARD_S_SUCCESS && !isServiceLoss(rc) && !this.dead) check(rc, 'SCardDisconnect');
    });
  }

  private async transmitNow(bytes: Uint8Array, deadline: Deadline): Promise<ResponseApdu> {
    this.assertOpen();
    // The caller stopped waiting while this command was queued: it must not reach the card.
    if (deadline.expired) throw new AbortedError(SCARD_E_CANCELLED, 'The caller stopped waiting before the command was sent.');
    this.assertAlive();
    const outcome = this.watchLoss(await this.host.driver.transmit(this.handle, this.activeProtocol, bytes), 'SCardTransmit');
    return new ResponseApdu(unwrap(outcome, 'SCardTransmit'));
  }

  private async reconnectNow(initialization: number): Promise<void> {
    const driver = this.host.driver;
    if (this.dead) {
      // The old handle belongs to a daemon that is gone: connect afresh.
      await driver.disconnect(this.handle, SCARD_LEAVE_CARD).catch(() => undefined);
      const again = await this.host.connectAgain();
      this.handle = again.handle;
      this.activeProtocol = again.protocol;
      this.dead = undefined;
      return;
    }
    if (driver.capabilities.reconnect) {
      const outcome = this.watchLoss(
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

  /** Marks the handle dead when `outcome` says the service is gone, and tells the host. */
  private watchLoss<T extends { rc: number }>(outcome: T, call: string): T {
    if (!isServiceLoss(outcome.rc)) return outcome;
    const lost = errorFromCode(outcome.rc, call);
    this.dead = new NoServiceError(
      lost.code,
      `${lost.message} The connection to "${this.reader}" died with the PC/SC service; call reconnect() once it is back.`,
      call,
    );
    this.host.serviceLost(this.dead);
    throw this.dead;
  }

  private assertAlive(): void {
    if (this.dead) throw this.dead;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ClosedError(SCARD_E_INVALID_HANDLE, `The connection to "${this.reader}" was closed with disconnect().`);
    }
  }
}
