import { ForwardingDriver } from '../../driver/forwarding-driver';
import { type ConnectResult, type ContextId, type Outcome, fail } from '../../driver/pcsc-driver';
import { SCARD_E_PROTO_MISMATCH, SCARD_E_SHARING_VIOLATION } from '../../driver/return-codes';
import { SCARD_SHARE_EXCLUSIVE, SCARD_STATE_EXCLUSIVE, SCARD_STATE_INUSE } from '../../driver/scard-constants';
import { currentEventState } from './reader-state';

/**
 * El Capitan's SCardConnect answers PROTO_MISMATCH where it means SHARING_VIOLATION. The reader's
 * state tells them apart: held exclusively by someone (or in use while we asked for exclusive)
 * is a sharing violation; otherwise the card really does not speak the requested protocols.
 */
export class ProtoMismatchRemap extends ForwardingDriver {
  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    if (outcome.rc !== SCARD_E_PROTO_MISMATCH) return outcome;
    const eventState = await currentEventState(this.inner, context, reader);
    const heldExclusively = (eventState & SCARD_STATE_EXCLUSIVE) !== 0;
    const inUseWhileWeWantExclusive = shareMode === SCARD_SHARE_EXCLUSIVE && (eventState & SCARD_STATE_INUSE) !== 0;
    return heldExclusively || inUseWhileWeWantExclusive ? fail(SCARD_E_SHARING_VIOLATION) : outcome;
  }
}
