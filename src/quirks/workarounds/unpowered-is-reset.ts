import { ForwardingDriver } from '../../driver/forwarding-driver';
import { type HandleId, type Outcome, fail } from '../../driver/pcsc-driver';
import { SCARD_W_RESET_CARD, SCARD_W_UNPOWERED_CARD } from '../../driver/return-codes';

/**
 * On an open handle pcsc-lite reports a card another application powered off as reset. Apple's
 * layer says UNPOWERED instead (El Capitan's SCardBeginTransaction, Yosemite's SCardTransmit after
 * its premature power-off), which core would not treat as a reset to recover from.
 */
export class UnpoweredIsReset extends ForwardingDriver {
  override async transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    const outcome = await this.inner.transmit(handle, protocol, command, receiveLength);
    return outcome.rc === SCARD_W_UNPOWERED_CARD ? fail(SCARD_W_RESET_CARD) : outcome;
  }

  override async beginTransaction(handle: HandleId): Promise<number> {
    const code = await this.inner.beginTransaction(handle);
    return code === SCARD_W_UNPOWERED_CARD ? SCARD_W_RESET_CARD : code;
  }
}
