import type { ContextId, PcscDriver } from '../../src/driver/pcsc-driver';
import { SCARD_PROTOCOL_UNDEFINED, SCARD_SHARE_DIRECT, SCARD_UNPOWER_CARD } from '../../src/driver/scard-constants';
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
  /**
   * The card in `reader` answers the service's next reset only after a long pause (a slow card),
   * so other calls the service serves meanwhile run while it is inside that reset.
   */
  slowNextReset(reader: ReaderIndex): void;
  /** Stops the service (every context dies) and starts it again with the cards that were in. */
  restartService(): Promise<void>;
  /** The reader's SCardGetStatusChange event state, as a client that did nothing else sees it. */
  readerState(reader: ReaderIndex): Promise<number>;
  /**
   * A call still waiting after `blockedAfterMs` waits for a lock; one still waiting after
   * `hangAfterMs` once every other application released its contexts never ends.
   */
  readonly callLimits: { readonly blockedAfterMs: number; readonly hangAfterMs: number };
  /** Called before each step of a sequence. */
  stepStarted(): void;
  /**
   * Called after each step that answered: the service's idle power-down of the cards nobody uses
   * runs here. pcscd runs it on its own clock (within a second); the simulator runs it at once,
   * and the real world waits for the power-downs the simulator made after the same step.
   */
  stepEnded(index: number): Promise<void>;
}

/**
 * Brings every reader holding a card to one known state: no connection, the card powered down by
 * an application (so the next connection powers it up and negotiates afresh, and no idle
 * power-down is pending). pcscd keeps a reader's negotiated protocol between connections (a raw
 * one sticks until the card is powered down), and a card another application left unpowered can
 * stay so across connections (see powerForConnection in the simulator); this clears both.
 */
export async function warmUp(driver: PcscDriver, context: ContextId, readers: readonly string[]): Promise<void> {
  for (const reader of readers) {
    const direct = await driver.connect(context, reader, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED);
    if (direct.ok) await driver.disconnect(direct.value.handle, SCARD_UNPOWER_CARD);
  }
}
