import { ForwardingDriver } from '../../driver/forwarding-driver';
import { type HandleId, type Outcome, fail } from '../../driver/pcsc-driver';
import { defaultReceiveLength, EXTENDED_RESPONSE_MAX } from '../../driver/receive-length';
import { SCARD_E_INSUFFICIENT_BUFFER, SCARD_S_SUCCESS } from '../../driver/return-codes';

/**
 * macOS Sierra's SCardTransmit cuts an answer longer than the receive buffer short and reports
 * success. A truncated answer cannot be told from a card that legitimately answered fewer bytes,
 * so the platform is never given the chance: every transmit offers the largest buffer there is,
 * and an answer longer than the buffer the caller meant (by default the largest the command
 * allows) is refused with SCARD_E_INSUFFICIENT_BUFFER, as pcsc-lite refuses it.
 */
export class FullReceiveBuffer extends ForwardingDriver {
  override async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const outcome = await this.inner.transmit(handle, protocol, command, EXTENDED_RESPONSE_MAX);
    if (outcome.rc !== SCARD_S_SUCCESS) return outcome;
    const meant = receiveLength ?? defaultReceiveLength(command);
    return (outcome.value?.length ?? 0) > meant ? fail(SCARD_E_INSUFFICIENT_BUFFER) : outcome;
  }
}
