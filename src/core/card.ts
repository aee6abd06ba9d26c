import { toCommandBytes, type ApduInput } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import type { HandleId, PcscDriver } from '../driver/pcsc-driver';
import { SCARD_S_SUCCESS, SCARD_E_INVALID_HANDLE } from '../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../driver/scard-constants';
import { check, unwrap } from './check';
import { CardResetError, ClosedError } from './errors/pcsc-error';
import { errorFromCode } from './errors/error-table';
import { SerialQueue } from './serial-queue';
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
}

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
  readonly state: number;
  readonly protocol: Protocol | undefined;
  readonly atr: Uint8Array;
}

/** A connection to the card in one reader (one SCardConnect handle). */
export class Card {
  private readonly queue = new SerialQueue();
  private readonly gate = new TransactionGate();
  private closed = false;
  private restoring = false;

  constructor(
    private readonly host: CardHost,
    private readonly parameters: ConnectionParameters,
    private handle: HandleId,
    private activeProtocol: number,
    private readonly behaviour: CardBehaviour,
  ) {}

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

  /** Sends one command APDU and resolves with the card's answer. */
  async transmit(command: ApduInput): Promise<ResponseApdu> {
    const bytes = toCommandBytes(command);
    this.assertOpen();
    if (this.gate.active) await this.gate.waitTurn();
    try {
      return await this.queue.run(() => this.transmitNow(bytes));
    } catch (error) {
      if (!(error instanceof CardResetError) || this.behaviour.onReset !== 'reconnect' || this.restoring) throw error;
      // pcsc-lite answers W_RESET_CARD before it sends anything, so the command never reached the card.
      await this.recoverFromReset();
      return this.queue.run(() => this.transmitNow(bytes));
    }
  }

  /** Sends a control code to the reader (SCardControl). */
  async control(controlCode: number, data: ApduInput | Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    const bytes = data instanceof Uint8Array ? data : toCommandBytes(data);
    this.assertOpen();
    return this.queue.run(async () => unwrap(await this.host.driver.control(this.handle, controlCode, bytes), 'SCardControl'));
  }

  /** The card's state as SCardStatus reports it. */
  async status(): Promise<CardStatus> {
    this.assertOpen();
    const result = unwrap(await this.host.driver.status(this.handle), 'SCardStatus');
    return { reader: result.reader, state: result.state, protocol: protocolName(result.protocol), atr: result.atr };
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
      const rc = await this.host.driver.disconnect(this.handle, code);
      if (rc !== SCARD_S_SUCCESS && rc !== SCARD_E_INVALID_HANDLE) check(rc, 'SCardDisconnect');
    });
  }

  private async transmitNow(bytes: Uint8Array): Promise<ResponseApdu> {
    this.assertOpen();
    const outcome = await this.host.driver.transmit(this.handle, this.activeProtocol, bytes);
    if (outcome.rc !== SCARD_S_SUCCESS || outcome.value === undefined) throw errorFromCode(outcome.rc, 'SCardTransmit');
    return new ResponseApdu(outcome.value);
  }

  private async reconnectNow(initialization: number): Promise<void> {
    const driver = this.host.driver;
    if (driver.capabilities.reconnect) {
      const outcome = await driver.reconnect(this.handle, this.parameters.shareMode, this.parameters.protocols, initialization);
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

  private assertOpen(): void {
    if (this.closed) {
      throw new ClosedError(SCARD_E_INVALID_HANDLE, 'SCARD_E_INVALID_HANDLE', `The connection to "${this.reader}" was closed with disconnect().`);
    }
  }
}
