import { SCARD_ABSENT, SCARD_NEGOTIABLE, SCARD_POWERED, SCARD_PRESENT, SCARD_SPECIFIC, SCARD_SWALLOWED } from '../driver/scard-constants';

/** How far the card in a reader has come, as SCardStatus reports it: the furthest stage wins. */
export type CardState = 'specific' | 'negotiable' | 'powered' | 'swallowed' | 'present' | 'absent' | 'unknown';

const STAGES: ReadonlyArray<readonly [number, CardState]> = [
  [SCARD_SPECIFIC, 'specific'],
  [SCARD_NEGOTIABLE, 'negotiable'],
  [SCARD_POWERED, 'powered'],
  [SCARD_SWALLOWED, 'swallowed'],
  [SCARD_PRESENT, 'present'],
  [SCARD_ABSENT, 'absent'],
];

/** The name of the furthest stage set in SCardStatus's state bits (the upper 16 bits count events). */
export function cardStateName(stateBits: number): CardState {
  return STAGES.find(([bit]) => (stateBits & bit) !== 0)?.[1] ?? 'unknown';
}
