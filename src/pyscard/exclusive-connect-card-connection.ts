import type { CardConnection, ConnectArguments } from './card-connection';
import { CardConnectionDecorator } from './card-connection-decorator';
import { decoratedConnection } from './decorated-connection';

/**
 * PySCard's smartcard.ExclusiveConnectCardConnection: a decorator whose connect() connects as the
 * decorated connection does, then leaves that handle and connects again in SCARD_SHARE_EXCLUSIVE,
 * so no other application can connect to the card until it disconnects.
 */
export class ExclusiveConnectCardConnection extends CardConnectionDecorator {
  /** Decorates `cardconnection` (a CardConnection or another decorator). */
  constructor(cardconnection: CardConnection) {
    super(cardconnection);
  }

  /**
   * Connects, then connects again exclusively with `protocol` (or the protocol the first connect
   * chose). Fails with CardConnectionException "Failed to connect with SCARD_SHARE_EXCLUSIVE..."
   * when another application holds the card.
   */
  override async connect(protocol?: number | null | ConnectArguments, mode?: number | null, disposition?: number | null): Promise<void> {
    await super.connect(protocol, mode, disposition);
    const requested = typeof protocol === 'object' && protocol !== null ? protocol.protocol : protocol;
    await decoratedConnection(this.component).connectExclusively(requested);
  }
}
