import type { VpcdCard } from '../../src/testing/vpcd-link';
import type { VirtualCard } from '../../src/testing/virtual-card';

/**
 * Far longer than pcscd's 100 ms lock poll: a call waiting for a lock wakes while the reset is
 * still running.
 */
const SLOW_RESET_MS = 600;

/**
 * A VirtualCard as vpcd reaches it, which can be told to take long over its next reset. vpcd waits
 * for the card's ATR after a reset, so pcscd stays inside that reset meanwhile. The link answers
 * vpcd synchronously, so the pause holds this process still: the only way to keep vpcd waiting.
 */
export class SlowResetCard implements VpcdCard {
  private slowNext = false;

  constructor(private readonly card: VirtualCard) {}

  get atr(): Uint8Array {
    return this.card.atr;
  }

  /** The next reset (or power-up) takes SLOW_RESET_MS; later ones take no time again. */
  slowNextReset(): void {
    this.slowNext = true;
  }

  /** Forgets a slow reset that never came (a sequence that ended without one). */
  clear(): void {
    this.slowNext = false;
  }

  reset(): void {
    this.card.reset();
    if (!this.slowNext) return;
    this.slowNext = false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLOW_RESET_MS);
  }

  process(command: Uint8Array): Uint8Array {
    return this.card.process(command);
  }
}
