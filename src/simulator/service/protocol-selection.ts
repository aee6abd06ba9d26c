import { SCARD_PROTOCOL_RAW, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_PROTOCOL_UNDEFINED, SCARD_SHARE_DIRECT } from '../../driver/scard-constants';
import { protocolsOfAtr } from './atr-protocols';
import type { ReaderContext } from './reader-context';

/** Old applications ask for "any protocol" with this bit; pcscd still honours it. */
export const SCARD_PROTOCOL_ANY_OLD = 0x1000;

/** True when a connect/reconnect request names no protocol pcscd could ever use. */
export function asksNoUsableProtocol(shareMode: number, preferred: number): boolean {
  if (shareMode === SCARD_SHARE_DIRECT) return false;
  return (preferred & (SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_RAW | SCARD_PROTOCOL_ANY_OLD)) === 0;
}

/** pcscd's pick among the preferred protocols the card offers: T=1 first, then T=0; 0 when none fits. */
export function negotiateProtocol(preferred: number, atr: Uint8Array): number {
  const wanted = preferred & SCARD_PROTOCOL_ANY_OLD ? SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1 : preferred;
  const usable = wanted & protocolsOfAtr(atr).available;
  if (usable & SCARD_PROTOCOL_T1) return SCARD_PROTOCOL_T1;
  if (usable & SCARD_PROTOCOL_T0) return SCARD_PROTOCOL_T0;
  return SCARD_PROTOCOL_UNDEFINED;
}

/**
 * The protocol a new or reconnecting handle gets. The first handle after a power-up fixes it for
 * the card; later handles must accept it. Returns undefined for SCARD_E_PROTO_MISMATCH.
 */
export function selectProtocol(reader: ReaderContext, shareMode: number, preferred: number): number | undefined {
  if (preferred & SCARD_PROTOCOL_RAW) {
    reader.protocol = SCARD_PROTOCOL_RAW;
    return reader.protocol;
  }
  if (shareMode === SCARD_SHARE_DIRECT) return reader.protocol;
  if (reader.protocol === SCARD_PROTOCOL_UNDEFINED) {
    const chosen = negotiateProtocol(preferred, reader.atr);
    if (chosen === SCARD_PROTOCOL_UNDEFINED) return undefined;
    reader.protocol = chosen;
    return chosen;
  }
  return preferred & reader.protocol ? reader.protocol : undefined;
}
