import {
  SCARD_EJECT_CARD,
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_RAW,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_RESET_CARD,
  SCARD_SHARE_DIRECT,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_UNPOWER_CARD,
} from '../driver/scard-constants';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** SCARD_SHARE_*: share the card, hold it alone, or talk to the reader without a card. */
export type ShareMode = 'shared' | 'exclusive' | 'direct';
/** SCARD_PROTOCOL_*: the transmission protocol. */
export type Protocol = 'T0' | 'T1' | 'RAW';
/** What happens to the card when a connection or transaction ends (SCARD_LEAVE_CARD and friends). */
export type Disposition = 'leave' | 'reset' | 'unpower' | 'eject';
/** What reconnect does to the card first. */
export type Initialization = 'leave' | 'reset' | 'unpower';

const SHARE_MODES: Record<ShareMode, number> = {
  shared: SCARD_SHARE_SHARED,
  exclusive: SCARD_SHARE_EXCLUSIVE,
  direct: SCARD_SHARE_DIRECT,
};
const PROTOCOLS: Record<Protocol, number> = { T0: SCARD_PROTOCOL_T0, T1: SCARD_PROTOCOL_T1, RAW: SCARD_PROTOCOL_RAW };
const DISPOSITIONS: Record<Disposition, number> = {
  leave: SCARD_LEAVE_CARD,
  reset: SCARD_RESET_CARD,
  unpower: SCARD_UNPOWER_CARD,
  eject: SCARD_EJECT_CARD,
};
const INITIALIZATIONS: Record<Initialization, number> = {
  leave: SCARD_LEAVE_CARD,
  reset: SCARD_RESET_CARD,
  unpower: SCARD_UNPOWER_CARD,
};

function lookup<K extends string>(table: Record<K, number>, value: unknown, what: string): number {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value)) return table[value as K];
  throw InvalidArgumentError.expected(
    what,
    `one of ${Object.keys(table)
      .map((key) => `'${key}'`)
      .join(', ')}`,
    value,
  );
}

export function shareModeCode(value: unknown): number {
  return lookup(SHARE_MODES, value, 'share');
}

export function dispositionCode(value: unknown): number {
  return lookup(DISPOSITIONS, value, 'disposition');
}

export function initializationCode(value: unknown): number {
  return lookup(INITIALIZATIONS, value, 'initialization');
}

/**
 * ['T0', 'T1'] → SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1. `[]` (0) only for a direct connection, which
 * talks to the reader and may have no card protocol at all, as PC/SC allows.
 */
export function protocolMask(values: unknown, shareMode?: ShareMode): number {
  const none = Array.isArray(values) && values.length === 0;
  if (none && shareMode === 'direct') return 0;
  if (!Array.isArray(values) || none) {
    throw InvalidArgumentError.expected('protocols', "a non-empty array of 'T0', 'T1' or 'RAW' (an empty one only with share: 'direct')", values);
  }
  return values.reduce<number>((mask, value) => mask | lookup(PROTOCOLS, value, 'protocols[]'), 0);
}

/** SCARD_PROTOCOL_* number → 'T0' | 'T1' | 'RAW', or undefined (direct connection). */
export function protocolName(code: number): Protocol | undefined {
  if (code === SCARD_PROTOCOL_T0) return 'T0';
  if (code === SCARD_PROTOCOL_T1) return 'T1';
  if (code === SCARD_PROTOCOL_RAW) return 'RAW';
  return undefined;
}
