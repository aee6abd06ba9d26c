import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_PROTOCOL_T15, SCARD_PROTOCOL_UNDEFINED, MAX_ATR_SIZE } from '../../driver/scard-constants';

export interface AtrProtocols {
  /** SCARD_PROTOCOL_* bits the card offers; 0 when the ATR cannot be read. */
  readonly available: number;
  /** The protocol the card starts in (first TDi, or the one TA2 imposes). */
  readonly initial: number;
}

const UNREADABLE: AtrProtocols = { available: SCARD_PROTOCOL_UNDEFINED, initial: SCARD_PROTOCOL_UNDEFINED };

function protocolBit(t: number): number {
  if (t === 0) return SCARD_PROTOCOL_T0;
  if (t === 1) return SCARD_PROTOCOL_T1;
  if (t === 15) return SCARD_PROTOCOL_T15;
  return SCARD_PROTOCOL_UNDEFINED;
}

/**
 * Reads which transmission protocols an ATR announces, the way pcscd decides it (ISO 7816-3
 * TDi bytes; a TA2 byte means "specific mode": the card only speaks that protocol).
 */
export function protocolsOfAtr(atr: Uint8Array): AtrProtocols {
  if (atr.length < 2) return UNREADABLE;
  const ts = atr[0];
  if (ts !== 0x3b && ts !== 0x3f) return UNREADABLE;

  let available = SCARD_PROTOCOL_UNDEFINED;
  let initial = SCARD_PROTOCOL_UNDEFINED;
  let presence = (atr[1] ?? 0) >> 4;
  let position = 2;
  let level = 1;

  do {
    const ta = presence & 0x01 ? (atr[position++] ?? 0) : undefined;
    if (presence & 0x02) position += 1;
    if (presence & 0x04) position += 1;
    const td = presence & 0x08 ? (atr[position++] ?? 0) : undefined;

    if (td === undefined) {
      presence = 0;
    } else {
      const t = td & 0x0f;
      if (initial === SCARD_PROTOCOL_UNDEFINED) {
        if (t > 1) return UNREADABLE;
        initial = protocolBit(t);
      }
      available |= protocolBit(t);
      presence = td >> 4;
    }

    if (level === 2 && ta !== undefined) {
      const t = ta & 0x0f;
      if (t > 1) return UNREADABLE;
      initial = protocolBit(t);
      available = initial;
    }

    if (position > MAX_ATR_SIZE) return UNREADABLE;
    level += 1;
  } while (presence !== 0);

  if (initial === SCARD_PROTOCOL_UNDEFINED) {
    initial = SCARD_PROTOCOL_T0;
    available |= SCARD_PROTOCOL_T0;
  }
  return { available, initial };
}
