import { checkInteger } from '../errors/check-integer';
/** ISO/IEC 7816-3 tables for TA1: clock rate conversion Fi with its f(max), and baud rate adjustment Di. */

interface FiEntry {
  readonly fi: number;
  /** Highest clock frequency in MHz allowed with this Fi. */
  readonly fMax: number;
}

/** Indexed by the high nibble of TA1; undefined = reserved for future use. */
const FI_TABLE: ReadonlyArray<FiEntry | undefined> = [
  { fi: 372, fMax: 4 },
  { fi: 372, fMax: 5 },
  { fi: 558, fMax: 6 },
  { fi: 744, fMax: 8 },
  { fi: 1116, fMax: 12 },
  { fi: 1488, fMax: 16 },
  { fi: 1860, fMax: 20 },
  undefined,
  undefined,
  { fi: 512, fMax: 5 },
  { fi: 768, fMax: 7.5 },
  { fi: 1024, fMax: 10 },
  { fi: 1536, fMax: 15 },
  { fi: 2048, fMax: 20 },
  undefined,
  undefined,
];

/** Indexed by the low nibble of TA1; undefined = reserved for future use. */
const DI_TABLE: ReadonlyArray<number | undefined> = [
  undefined,
  1,
  2,
  4,
  8,
  16,
  32,
  64,
  12,
  20,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
];

/** Clock and bit-rate parameters; the defaults (no TA1) are Fi 372, f(max) 5 MHz, Di 1. */
export interface TransmissionParameters {
  /** Clock rate conversion integer; undefined when TA1 holds a reserved value. */
  readonly fi: number | undefined;
  /** Highest clock frequency in MHz; undefined when reserved. */
  readonly fMax: number | undefined;
  /** Baud rate adjustment integer; undefined when reserved. */
  readonly di: number | undefined;
  /** Clock cycles per elementary time unit (Fi / Di). */
  readonly cyclesPerEtu: number | undefined;
  /** Bit rate at f(max), in bit/s. */
  readonly maxBitRate: number | undefined;
  /** True when the values come from TA1, false when they are the defaults. */
  readonly fromTa1: boolean;
}

export const DEFAULT_FI = 372;
export const DEFAULT_F_MAX = 5;
export const DEFAULT_DI = 1;

/** Fi, f(max) and Di for a TA1 value, or the defaults when TA1 is absent; InvalidArgumentError for anything but a byte or undefined. */
export function transmissionParameters(ta1: number | undefined): TransmissionParameters {
  if (ta1 === undefined) return withRates(DEFAULT_FI, DEFAULT_F_MAX, DEFAULT_DI, false);
  checkInteger(ta1, 'ta1', 0, 255, 'an integer from 0 to 255, or undefined');
  const fiEntry = FI_TABLE[(ta1 >> 4) & 0x0f];
  return withRates(fiEntry?.fi, fiEntry?.fMax, DI_TABLE[ta1 & 0x0f], true);
}

function withRates(fi: number | undefined, fMax: number | undefined, di: number | undefined, fromTa1: boolean): TransmissionParameters {
  const cyclesPerEtu = fi !== undefined && di !== undefined ? fi / di : undefined;
  const maxBitRate = cyclesPerEtu !== undefined && fMax !== undefined ? Math.round((fMax * 1e6) / cyclesPerEtu) : undefined;
  return { fi, fMax, di, cyclesPerEtu, maxBitRate, fromTa1 };
}
