import { VirtualCard } from '../../../src/testing/virtual-card';

export { COMMAND, COUNTING, SELECT } from '../../fixtures/seed';

/** A card whose ATR offers T=0 only (no TD1), so a T=1-only connect is a true protocol mismatch. */
export function t0OnlyCard(): VirtualCard {
  return new VirtualCard({ atr: '3B 65 00 00 9C 11 01 01 03', respond: () => '90 00' });
}

/** True for a card log entry holding the SELECT command. */
export function isSelect(command: Uint8Array): boolean {
  return command[1] === 0xa4;
}

/** A different card (its ATR differs from the seed applet's in the last byte) to swap in. */
export function replacementCard(): VirtualCard {
  return new VirtualCard({ atr: '3B 80 80 01 01 02', respond: () => '90 00' });
}

/** Answers READ BINARY with 300 bytes: more than a short command's 258-byte receive buffer. */
export function longAnswerCard(): VirtualCard {
  const long = `${'AA '.repeat(300)}90 00`;
  return new VirtualCard({ atr: '3B 80 80 01 01 01', respond: (apdu) => (apdu[1] === 0xb0 ? long : '90 00') });
}
