import type { HandleId } from '../driver/pcsc-driver';
import { SCARD_E_COMM_DATA_LOST, SCARD_E_NOT_TRANSACTED, SCARD_E_READER_UNAVAILABLE, SCARD_S_SUCCESS, SCARD_W_REMOVED_CARD } from '../driver/return-codes';
import { SCARD_LEAVE_CARD } from '../driver/scard-constants';
import { isServiceLoss, mayFollowServiceRestart, mayMeanReaderRemoved } from '../errors/code-kinds';
import { describeCode, errorFromCode } from '../errors/error-table';
import { NoServiceError, ServiceStoppedError, type PcscError } from '../errors/pcsc-error';
import { unwrap } from './check';
import type { CardHost, ConnectionParameters } from './card-types';

/** Opens the message of the error for an answer without a status word (PySCard's wording). */
export const NO_VALID_RESPONSE = 'Card returned no valid response';

/**
 * One card connection's SCardConnect handle and its health: whether it died with the service or
 * its reader, whether the card can still be trusted, and making a new handle (reconnect).
 */
export class CardHandle {
  /** The handle died with the service or with its reader (unplugged); only renew() helps. */
  private deadWith: PcscError | undefined;
  /** The host's service generation when this handle was made. */
  private generation: number;
  /**
   * The card answered no valid response, so it may have been swapped without the reader noticing
   * (a reader can report it present throughout); only renew() makes the handle usable again.
   */
  private untrusted = false;

  constructor(
    readonly host: CardHost,
    readonly parameters: ConnectionParameters,
    /** The driver's handle; a new one after renew() when the old one could not be reconnected. */
    public id: HandleId,
    /** The protocol in use (SCARD_PROTOCOL_*). */
    public protocol: number,
  ) {
    this.generation = host.serviceGeneration();
  }

  /** False once a call showed that the handle died with the service or its reader. */
  get isAlive(): boolean {
    return this.deadWith === undefined;
  }

  /** Whether the handle is known dead or belongs to a service generation that is gone. */
  get isStale(): boolean {
    return this.deadWith !== undefined || this.host.serviceGeneration() !== this.generation;
  }

  /** Re-establishes the handle (SCardReconnect, or disconnect + connect where the driver lacks it or the old one is dead). */
  async renew(initialization: number): Promise<void> {
    await this.renewHandle(initialization);
    // SCardReconnect (or a fresh connect) found a card in the reader and the application starts over with it.
    this.untrusted = false;
  }

  private async renewHandle(initialization: number): Promise<void> {
    const driver = this.host.driver;
    if (this.isStale) {
      // The old handle belongs to a daemon that is gone: connect afresh.
      await driver.disconnect(this.id, SCARD_LEAVE_CARD).catch(() => undefined);
      await this.connectAgain();
      this.deadWith = undefined;
      return;
    }
    if (driver.capabilities.reconnect) {
      const outcome = await this.watchLoss(
        await driver.reconnect(this.id, this.parameters.shareMode, this.parameters.protocols, initialization),
        'SCardReconnect',
      );
      this.protocol = unwrap(outcome, 'SCardReconnect');
      return;
    }
    await driver.disconnect(this.id, initialization);
    await this.connectAgain();
  }

  private async connectAgain(): Promise<void> {
    const again = await this.host.connectAgain();
    this.id = again.handle;
    this.protocol = again.protocol;
    this.generation = this.host.serviceGeneration();
  }

  /** A "successful" answer without a status word means the exchange broke (e.g. the card left mid-command). */
  distrust(length: number): PcscError {
    this.untrusted = true;
    return errorFromCode(
      SCARD_E_COMM_DATA_LOST,
      'SCardTransmit',
      `${NO_VALID_RESPONSE} (${length} byte(s), no status word). The card in "${this.parameters.reader}" may have been ` +
        'removed or replaced; this connection refuses further commands until reconnect().',
    );
  }

  /**
   * Marks the handle dead when `outcome` says the service is gone, and tells the host. Any other
   * failure may come from a service that died or restarted under the handle (libpcsclite answers
   * SCARD_W_SECURITY_VIOLATION when the daemon's end of its socket was reset, which a daemon
   * killed with a request unread does; smartcard turns that into SCARD_F_UNKNOWN_ERROR): the host
   * checks its context, and a service that no longer answers, or a new generation, means the
   * handle is dead too, whatever the code.
   */
  async watchLoss<T extends { rc: number }>(outcome: T, call: string): Promise<T> {
    if (outcome.rc === SCARD_S_SUCCESS) return outcome;
    const brokeExchange = outcome.rc === SCARD_E_NOT_TRANSACTED;
    if (mayMeanReaderRemoved(outcome.rc) || brokeExchange) await this.watchReaderRemoval(call, outcome.rc);
    // Other calls answer it for a reader driver's refusal too (SCardSetAttrib): only a command has a card to lose.
    if (brokeExchange && call === 'SCardTransmit') await this.watchCardRemoval(call);
    if (isServiceLoss(outcome.rc)) {
      const lost = errorFromCode(outcome.rc, call);
      // SCARD_E_INVALID_HANDLE or SCARD_F_COMM_ERROR here is the service's loss too: a NoServiceError that keeps the code it answered.
      const LossClass = lost instanceof ServiceStoppedError ? ServiceStoppedError : NoServiceError;
      const dead = new LossClass(
        `${lost.message} The connection to "${this.parameters.reader}" died with the PC/SC service; call reconnect() once it is back.`,
        call,
        { returnCode: lost.code },
      );
      this.deadWith = dead;
      this.host.serviceLost(dead);
      throw dead;
    }
    if (!mayFollowServiceRestart(outcome.rc)) return outcome;
    const answers = await this.host.checkService();
    this.assertAlive(call, outcome.rc);
    if (answers) return outcome;
    const dead = new NoServiceError(
      `${call} answered ${describeCode(outcome.rc).name} and the PC/SC service no longer answers: the connection to ` +
        `"${this.parameters.reader}" died with it; call reconnect() once it is back.`,
      call,
      { cause: errorFromCode(outcome.rc, call), returnCode: outcome.rc },
    );
    this.deadWith = dead;
    this.host.serviceLost(dead);
    throw dead;
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
      const listed = await this.host.readerListed(this.parameters.reader);
      if (listed !== false || this.host.serviceGeneration() !== this.generation) return;
    }
    this.deadWith = errorFromCode(
      SCARD_E_READER_UNAVAILABLE,
      call,
      `The reader "${this.parameters.reader}" was removed (the call answered ${describeCode(answered).name}); call reconnect() once it is back.`,
    );
    throw this.deadWith;
  }

  /**
   * After SCARD_E_NOT_TRANSACTED (the exchange with the card broke): when the card left the reader
   * (pcscd may report it only at its next poll of the reader), the call fails with
   * CardRemovedError and, as after an answer without a status word, the connection refuses
   * further commands until reconnect(). A card still in place keeps the code's own error.
   */
  private async watchCardRemoval(call: string): Promise<void> {
    if (this.host.serviceGeneration() !== this.generation) return;
    if ((await this.host.cardLeft(this.parameters.reader)) !== true) return;
    this.untrusted = true;
    throw errorFromCode(
      SCARD_W_REMOVED_CARD,
      call,
      `The card in "${this.parameters.reader}" left the reader during the exchange (the call answered SCARD_E_NOT_TRANSACTED); ` +
        'this connection refuses further commands until reconnect().',
    );
  }

  /** Throws when the handle is dead: it died with the service or its reader, or the service restarted since it was made. */
  assertAlive(call?: string, answered?: number): void {
    if (!this.deadWith && this.host.serviceGeneration() !== this.generation) {
      const code = answered === undefined ? '' : ` (it answered ${describeCode(answered).name})`;
      this.deadWith = new ServiceStoppedError(
        `${call ?? 'SCard'}: the PC/SC service restarted since the connection to "${this.parameters.reader}" was made${code}; call reconnect().`,
        call,
        answered === undefined ? undefined : { returnCode: answered },
      );
    }
    if (this.deadWith) throw this.deadWith;
  }

  assertTrusted(call: string): void {
    if (!this.untrusted) return;
    throw errorFromCode(
      SCARD_W_REMOVED_CARD,
      call,
      `The card in "${this.parameters.reader}" returned no valid response to an earlier command, so it may have been removed or ` +
        'replaced. Call reconnect() to check the reader and use the card again.',
    );
  }
}
