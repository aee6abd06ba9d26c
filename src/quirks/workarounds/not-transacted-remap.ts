import { ForwardingDriver } from '../../driver/forwarding-driver';
import { type ConnectResult, type ContextId, type HandleId, type Outcome, fail } from '../../driver/pcsc-driver';
import { SCARD_E_NOT_TRANSACTED, SCARD_E_PROTO_MISMATCH } from '../../driver/return-codes';

/**
 * Yosemite's SCardConnect answers NOT_TRANSACTED where it means PROTO_MISMATCH. A connect has no
 * transaction to fail, so the remap cannot hide a real NOT_TRANSACTED.
 */
export class NotTransactedRemap extends ForwardingDriver {
  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    return outcome.rc === SCARD_E_NOT_TRANSACTED ? fail(SCARD_E_PROTO_MISMATCH) : outcome;
  }

  override async reconnect(handle: HandleId, shareMode: number, protocols: number, initialization: number): Promise<Outcome<number>> {
    const outcome = await this.inner.reconnect(handle, shareMode, protocols, initialization);
    return outcome.rc === SCARD_E_NOT_TRANSACTED ? fail(SCARD_E_PROTO_MISMATCH) : outcome;
  }
}
