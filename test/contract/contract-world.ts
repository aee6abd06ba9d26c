import type { ContextId, PcscDriver } from '../../src/driver/pcsc-driver';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_ANY, SCARD_PROTOCOL_RAW, SCARD_SHARE_SHARED, SCARD_UNPOWER_CARD } from '../../src/driver/scard-constants';
import type { VirtualCard } from '../../src/testing/virtual-card';
import type { ReaderIndex } from './steps';

/**
 * One PC/SC service with two card slots and three applications, driven from the card side as
 * well: the real pcscd with vpcd, or the simulator. Every card-side call resolves once the
 * service shows the change to its clients.
 */
export interface ContractWorld {
  readonly label: string;
  /** The applications; each is its own driver instance (a process of its own under 'worker'). */
  readonly apps: readonly PcscDriver[];
  readonly readers: readonly [string, string];
  /** The card of each slot (present or not). */
  readonly cards: readonly [VirtualCard, VirtualCard];
  /** Takes the card out; false when the slot was empty already. */
  removeCard(reader: ReaderIndex): Promise<boolean>;
  /** Puts the card back; false when it was in already. */
  insertCard(reader: ReaderIndex): Promise<boolean>;
  /** Stops the service (every context dies) and starts it again with the cards that were in. */
  restartService(): Promise<void>;
  /** The reader's SCardGetStatusChange event state, as a client that did nothing else sees it. */
  readerState(reader: ReaderIndex): Promise<number>;
}

/**
 * Brings every reader holding a card to one known state: card powered, protocol negotiated afresh,
 * no connection. pcscd keeps a reader's negotiated protocol between connections (a raw one
 * sticks until the card is powered down), so both services start each sequence from here.
 */
export async function warmUp(driver: PcscDriver, context: ContextId, readers: readonly string[]): Promise<void> {
  for (const reader of readers) {
    const raw = await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_RAW);
    if (raw.ok) await driver.disconnect(raw.value.handle, SCARD_UNPOWER_CARD);
    const negotiated = await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
    if (negotiated.ok) await driver.disconnect(negotiated.value.handle, SCARD_LEAVE_CARD);
  }
}
