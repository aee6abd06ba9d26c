import type { TransmissionParameters } from './transmission-tables';

/** TS = 3B: direct convention; TS = 3F: inverse convention. */
export type Convention = 'direct' | 'inverse';

/** The interface bytes TAi, TBi, TCi, TDi of one i (absent bytes are undefined). */
export interface InterfaceGroup {
  /** i, from 1. */
  readonly index: number;
  /** TAi, or undefined when absent. */
  readonly ta: number | undefined;
  /** TBi, or undefined when absent. */
  readonly tb: number | undefined;
  /** TCi, or undefined when absent. */
  readonly tc: number | undefined;
  /** TDi, or undefined when absent (the last group). */
  readonly td: number | undefined;
  /** T named by TD(i-1), the protocol these bytes belong to; undefined for i = 1 (global bytes). */
  readonly protocol: number | undefined;
}

/** TA2 present: the card starts in a specific mode instead of negotiable mode. */
export interface SpecificMode {
  /** The protocol T the card uses. */
  readonly protocol: number;
  /** Whether the card can switch to negotiable mode (bit 8 of TA2 is 0). */
  readonly canChangeMode: boolean;
  /** Whether Fi/Di are implicit rather than taken from TA1 (bit 5 of TA2 is 1). */
  readonly implicitParameters: boolean;
}

/** A decoded Answer To Reset (ISO/IEC 7816-3, section 8). */
export interface ParsedAtr {
  /** Every byte given, including any extra bytes after the ATR. */
  readonly bytes: Uint8Array;
  /** TS, the initial character: 0x3B or 0x3F. */
  readonly ts: number;
  /** The bit convention TS announces. */
  readonly convention: Convention;
  /** T0, the format byte (Y1 in the high nibble, K in the low one). */
  readonly t0: number;
  /** High nibble of T0: which of TA1, TB1, TC1, TD1 are present. */
  readonly y1: number;
  /** Low nibble of T0: the number of historical bytes. */
  readonly k: number;
  /** Interface bytes per i, in order; an i without any byte is left out. */
  readonly groups: readonly InterfaceGroup[];
  /** The K historical bytes. */
  readonly historicalBytes: Uint8Array;
  /** The check byte; present exactly when a TDi names a protocol other than T=0. */
  readonly tck: number | undefined;
  /** Whether the ATR must end with TCK (some TDi names a protocol other than T=0). */
  readonly tckRequired: boolean;
  /** XOR of T0 up to TCK is zero; undefined when there is no TCK. */
  readonly tckValid: boolean | undefined;
  /** Protocols offered, in the order of the TDi (T=0 when no TDi names one; T=15 is not a protocol). */
  readonly protocols: readonly number[];
  /** Fi, f(max), Di from TA1 or the defaults. */
  readonly transmission: TransmissionParameters;
  /** Specific mode from TA2, or undefined when TA2 is absent (negotiable mode). */
  readonly specificMode: SpecificMode | undefined;
  /** Bytes after the end the ATR announces (TCK or the last historical byte). */
  readonly extraBytes: Uint8Array;
}
