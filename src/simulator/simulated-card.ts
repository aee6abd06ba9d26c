/** What the simulated service needs of a card: its ATR, its answers, and a reset. `VirtualCard` is one. */
export interface SimulatedCard {
  /** The card's Answer To Reset. */
  readonly atr: Uint8Array;
  /** Delivers one command APDU and returns the answer (data + SW1 SW2). */
  process(command: Uint8Array): Uint8Array;
  /** Power-up or warm reset. */
  reset(): void;
}
