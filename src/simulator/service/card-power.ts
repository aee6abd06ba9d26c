import {
  SCARD_NEGOTIABLE,
  SCARD_POWERED,
  SCARD_PRESENT,
  SCARD_PROTOCOL_UNDEFINED,
} from '../../driver/scard-constants';
import type { ReaderContext } from './reader-context';

/** Powers the card up (or warm-resets it); false when there is no card to power. */
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

/** SCARD_UNPOWER_CARD on disconnect: the card stays in the reader, unpowered, its ATR remembered. */
export function powerDownCard(reader: ReaderContext): boolean {
  if (reader.device.card === undefined) {
    reader.clearCardState();
    return false;
  }
  reader.state = SCARD_PRESENT;
  reader.powered = false;
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
  return true;
}

/**
 * pcscd powers down a card nobody has used for a while; readers' state bits do not show it,
 * only the next connection (which powers, hence resets, the card again) does.
 */
export function settleIdlePower(reader: ReaderContext, idlePowerOffMs: number | false, now: number): void {
  if (idlePowerOffMs === false || !reader.powered || reader.handles.size > 0) return;
  if (now - reader.idleSince < idlePowerOffMs) return;
  reader.powered = false;
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
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
  reader.protocol = SCARD_PROTOCOL_UNDEFINED;
  for (const handle of reader.handles) handle.event = 'unpowered';
}
