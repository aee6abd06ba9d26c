import { SCARD_EJECT_CARD, SCARD_LEAVE_CARD, SCARD_RESET_CARD, SCARD_UNPOWER_CARD } from '../../driver/scard-constants';
import { powerDownCard, powerUpCard } from '../service/card-power';
import type { ReaderContext } from '../service/reader-context';
import { signalCardEvent } from '../service/server-handle';

export function isDisposition(disposition: number): boolean {
  return disposition === SCARD_LEAVE_CARD || disposition === SCARD_RESET_CARD || disposition === SCARD_UNPOWER_CARD || disposition === SCARD_EJECT_CARD;
}

/**
 * What a disposition does to the card. SCARD_UNPOWER_CARD leaves the card off when a handle goes
 * away, but powers it straight back on when the handle stays (end of transaction, reconnect).
 * Simulated readers have no eject mechanism, so SCARD_EJECT_CARD leaves the card as it is.
 * Returns false when a power operation found no card.
 */
export function applyDisposition(reader: ReaderContext, disposition: number, unpower: 'power-off' | 'power-cycle'): boolean {
  if (disposition !== SCARD_RESET_CARD && disposition !== SCARD_UNPOWER_CARD) return true;
  signalCardEvent(reader, 'reset', disposition === SCARD_UNPOWER_CARD);
  if (disposition === SCARD_UNPOWER_CARD && unpower === 'power-off') return powerDownCard(reader);
  return powerUpCard(reader);
}
