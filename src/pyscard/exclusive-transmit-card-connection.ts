import type { CardConnection } from './card-connection';
import { CardConnectionDecorator } from './card-connection-decorator';
import { decoratedConnection } from './decorated-connection';

/**
 * PySCard's smartcard.ExclusiveTransmitCardConnection: a decorator with lock() and unlock()
 * around the commands that must not be interleaved with another application's. transmit() itself
 * forwards unchanged, as in PySCard; lock() is SCardBeginTransaction and unlock() SCardEndTransaction
 * (SCARD_LEAVE_CARD). On the 'pcsclite' and 'smartcard' drivers, which have no
 * SCardBeginTransaction, lock() fails with "Failed to lock with SCardBeginTransaction: Feature not
 * supported." rather than let other applications in; use the 'pcscd' or 'winscard' driver there.
 */
export class ExclusiveTransmitCardConnection extends CardConnectionDecorator {
  /** Decorates `cardconnection` (a CardConnection or another decorator). */
  constructor(cardconnection: CardConnection) {
    super(cardconnection);
  }

  /**
   * Begins a transaction (SCardBeginTransaction): other applications' commands to the card wait
   * (or fail with a sharing violation) until unlock(). Waits while another application holds one.
   * Fails with CardConnectionException "Failed to lock with SCardBeginTransaction: ...".
   */
  async lock(): Promise<void> {
    await decoratedConnection(this.component).beginTransaction();
  }

  /**
   * Ends the transaction lock() began (SCardEndTransaction, leaving the card as it is). Fails with
   * CardConnectionException "Failed to unlock with SCardEndTransaction: ...", e.g. when no
   * transaction is held.
   */
  async unlock(): Promise<void> {
    await decoratedConnection(this.component).endTransaction();
  }
}
