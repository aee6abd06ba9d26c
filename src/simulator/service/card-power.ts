import { SCARD_NEGOTIABLE, SCARD_POWERED, SCARD_PRESENT, SCARD_PROTOCOL_UNDEFINED } from '../../driver/scard-constants';
import type { ReaderContext } from './reader-context';

/**
 * Powers the card up (or warm-resets it): a new ATR and no protocol negotiated. What the service
 * means to do next with the card (`powerState`) is the caller's to set. False when there is no card.
 */
export function powerUpCard(reader: ReaderContext): boolean {
  const card = reader.device.card;
  if (card === undefined) {
    reader.clearCardState();
    return false;
  }
  card.reset();
  reader.powerOffWhileSharedAt = undefined;
  reader.atr = card.atr;
  reader.state = SCARD_PRESENT | SCARD_POWERED | SCARD_NEGOTIABLE;
  reader.powered = true;
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
  return true;
}

/** A card the service has just seen (inserted, or found when the reader started): powered up, not yet used. */
export function powerUpNewCard(reader: ReaderContext, now: number): void {
  if (!powerUpCard(reader)) return;
  reader.powerState = 'powered';
  reader.idleSince = now;
}

/**
 * SCardConnect's power-up of a card the service had powered down. pcscd leaves the protocol as it
 * was: only a power-down that unset it (all of them but a 'direct' raw reconnect's) makes the next
 * connection negotiate again.
 */
function powerUpOnDemand(reader: ReaderContext): void {
  const protocol = reader.protocol;
  if (powerUpCard(reader)) reader.protocol = protocol;
}

/**
 * What a shared or exclusive SCardConnect does to the card's power: an 'unpowered' card is
 * powered up, then the card is in use. Answers false when the card stays unpowered all the same:
 * pcsc-lite marks a card another application powered down as in use when a handle reconnects
 * leaving it, without powering it; until the service next powers it down while idle, connections
 * find it unpowered (SCARD_W_UNPOWERED_CARD).
 */
export function powerForConnection(reader: ReaderContext, idlePowerOffMs: number | false, now: number): boolean {
  settleIdlePower(reader, idlePowerOffMs, now);
  if (reader.powerState === 'unpowered') powerUpOnDemand(reader);
  if (!(reader.state & SCARD_POWERED)) return false;
  reader.powerState = 'in-use';
  return true;
}

/** SCARD_UNPOWER_CARD on disconnect: the card stays in the reader, unpowered, its ATR remembered. */
export function powerDownCard(reader: ReaderContext): boolean {
  reader.powerState = 'unpowered';
  if (reader.device.card === undefined) {
    reader.clearCardState();
    return false;
  }
  reader.state = SCARD_PRESENT;
  reader.powered = false;
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
  return true;
}

/** The reader's last connection ended: a card in use enters its grace period before the idle power-down. */
export function noteReaderUnused(reader: ReaderContext, now: number): void {
  reader.idleSince = now;
  if (reader.powerState !== 'unpowered') reader.powerState = 'grace-period';
}

/**
 * pcscd's reader thread powers down a card powered but not in use (just inserted, or its last
 * connection ended): the state bits do not show it, the protocol is unset, and the next connection
 * powers it up (so resets it). True when it powered the card down.
 */
export function powerDownIdleCard(reader: ReaderContext): boolean {
  if (reader.powerState !== 'powered' && reader.powerState !== 'grace-period') return false;
  reader.powerState = 'unpowered';
  reader.powered = false;
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
  return true;
}

/** The idle power-down, once the card has been unused for `idlePowerOffMs` (false: never). */
export function settleIdlePower(reader: ReaderContext, idlePowerOffMs: number | false, now: number): void {
  if (idlePowerOffMs === false || now - reader.idleSince < idlePowerOffMs) return;
  powerDownIdleCard(reader);
}

/**
 * OS X Yosemite starts the idle power-off countdown when the first of several applications
 * disconnects; when it runs out the card goes unpowered under the handles still open.
 */
export function armPowerOffWhileShared(reader: ReaderContext, idlePowerOffMs: number | false, now: number): void {
  if (idlePowerOffMs === false || !reader.powered || reader.handles.size === 0) return;
  reader.powerOffWhileSharedAt ??= now + idlePowerOffMs;
}

/**
 * Carries out an armed power-off once its time has come; the open handles see
 * SCARD_W_UNPOWERED_CARD. Reads the clock only when one is armed: this runs before every transmit.
 */
export function settlePowerOffWhileShared(reader: ReaderContext): void {
  const due = reader.powerOffWhileSharedAt;
  if (due === undefined || Date.now() < due) return;
  reader.powerOffWhileSharedAt = undefined;
  if (!reader.powered || reader.handles.size === 0) return;
  reader.powered = false;
  reader.powerState = 'unpowered';
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
  for (const handle of reader.handles) handle.event = 'unpowered';
}
