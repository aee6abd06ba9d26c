import type { Disposition, Initialization, Protocol, ShareMode } from '../core/share-protocol';
import {
  SCARD_EJECT_CARD,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_RAW,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_PROTOCOL_T15,
  SCARD_RESET_CARD,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_UNPOWER_CARD,
} from '../driver/scard-constants';

/** CardConnection's own protocol bits (RAW differs from SCARD_PROTOCOL_RAW). */
export const T0_PROTOCOL = 0x00000001;
export const T1_PROTOCOL = 0x00000002;
export const RAW_PROTOCOL = 0x00010000;
export const T15_PROTOCOL = 0x00000008;

/** CardConnection protocol bits → SCARD_PROTOCOL_* mask. */
export function pcscProtocolMask(protocol: number | undefined | null): number {
  if (protocol === undefined || protocol === null) return 0;
  let mask = 0;
  if (protocol & T0_PROTOCOL) mask |= SCARD_PROTOCOL_T0;
  if (protocol & T1_PROTOCOL) mask |= SCARD_PROTOCOL_T1;
  if (protocol & RAW_PROTOCOL) mask |= SCARD_PROTOCOL_RAW;
  if (protocol & T15_PROTOCOL) mask |= SCARD_PROTOCOL_T15;
  return mask;
}

/** How PySCard names an SCARD_PROTOCOL_* mask in its messages ('T0 or T1' for both). */
export function protocolMaskName(mask: number): string {
  if (mask === (SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)) return 'T0 or T1';
  const names: string[] = [];
  if (mask & SCARD_PROTOCOL_T0) names.push('T0');
  if (mask & SCARD_PROTOCOL_T1) names.push('T1');
  if (mask & SCARD_PROTOCOL_RAW) names.push('RAW');
  if (mask & SCARD_PROTOCOL_T15) names.push('T15');
  return names.join(' or ');
}

/** The core's protocol list for an SCARD_PROTOCOL_* mask (T=15 has no core name). */
export function coreProtocols(mask: number): Protocol[] {
  const protocols: Protocol[] = [];
  if (mask & SCARD_PROTOCOL_T0) protocols.push('T0');
  if (mask & SCARD_PROTOCOL_T1) protocols.push('T1');
  if (mask & SCARD_PROTOCOL_RAW) protocols.push('RAW');
  return protocols;
}

/** The protocol header transmit() uses: only exactly T0, T1 or RAW qualifies. */
export function transmitHeaderName(protocol: number): 'T0' | 'T1' | 'RAW' | undefined {
  if (protocol === T0_PROTOCOL) return 'T0';
  if (protocol === T1_PROTOCOL) return 'T1';
  if (protocol === RAW_PROTOCOL) return 'RAW';
  return undefined;
}

/** The core's negotiated protocol as CardConnection bits (0 for none, e.g. a direct connection). */
export function connectionProtocolOf(protocol: Protocol | undefined): number {
  if (protocol === 'T0') return T0_PROTOCOL;
  if (protocol === 'T1') return T1_PROTOCOL;
  if (protocol === 'RAW') return RAW_PROTOCOL;
  return 0;
}

const SHARE_MODES = new Map<number, ShareMode>([
  [SCARD_SHARE_EXCLUSIVE, 'exclusive'],
  [SCARD_SHARE_SHARED, 'shared'],
  [SCARD_SHARE_DIRECT, 'direct'],
]);

const DISPOSITIONS = new Map<number, Disposition>([
  [SCARD_LEAVE_CARD, 'leave'],
  [SCARD_RESET_CARD, 'reset'],
  [SCARD_UNPOWER_CARD, 'unpower'],
  [SCARD_EJECT_CARD, 'eject'],
]);

export function shareModeName(mode: number): ShareMode | undefined {
  return SHARE_MODES.get(mode);
}

export function dispositionName(disposition: number): Disposition | undefined {
  return DISPOSITIONS.get(disposition);
}

/** SCardReconnect has no eject; like pcsc-lite, that is an invalid value (undefined here). */
export function initializationName(disposition: number): Initialization | undefined {
  const name = DISPOSITIONS.get(disposition);
  return name === 'eject' ? undefined : name;
}
