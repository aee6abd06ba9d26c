import { checkInteger } from '../errors/check-integer';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { SmartcardException } from './exceptions';
import { print } from './python-text';
import { toHexString } from './util/hex-string';

type Rfu = 'RFU';

/** ISO 7816-3 tables as PySCard indexes them (FI, DI, II). */
const CLOCK_RATE_CONVERSION: ReadonlyArray<number | Rfu> = [
  372,
  372,
  558,
  744,
  1116,
  1488,
  1860,
  'RFU',
  'RFU',
  512,
  768,
  1024,
  1536,
  2048,
  'RFU',
  'RFU',
  'RFU',
];
const BIT_RATE_FACTOR: ReadonlyArray<number | Rfu> = ['RFU', 1, 2, 4, 8, 16, 32, 'RFU', 12, 20, 'RFU', 'RFU', 'RFU', 'RFU', 'RFU', 'RFU'];
const CURRENT_TABLE: ReadonlyArray<number | Rfu> = [25, 50, 100, 'RFU'];

/**
 * PySCard's smartcard.ATR: the ATR split into its interface bytes. Lists are indexed from 0, so
 * TA[0] is ISO's TA1; an absent byte is null.
 */
export class ATR {
  /** The ATR bytes as given. */
  readonly bytes: number[];
  /** TS, the initial character (0x3B direct or 0x3F inverse convention). */
  readonly TS: number;
  /** T0, the format byte. */
  readonly T0: number;
  /** K, the number of historical bytes (low nibble of T0). */
  readonly K: number;
  /** TAi per group, from TA1 at index 0; null where absent. */
  readonly TA: Array<number | null> = [];
  /** TBi per group, from TB1 at index 0; null where absent. */
  readonly TB: Array<number | null> = [];
  /** TCi per group, from TC1 at index 0; null where absent. */
  readonly TC: Array<number | null> = [];
  /** TDi per group, from TD1 at index 0; null where absent (the last group). */
  readonly TD: Array<number | null> = [];
  /** Yi per group: the high nibble saying which of TAi..TDi follow. */
  readonly Y: number[] = [];
  /** Whether TAi is present, per group. */
  readonly hasTA: boolean[] = [];
  /** Whether TBi is present, per group. */
  readonly hasTB: boolean[] = [];
  /** Whether TCi is present, per group. */
  readonly hasTC: boolean[] = [];
  /** Whether TDi is present, per group. */
  readonly hasTD: boolean[] = [];
  /** The number of interface bytes (TAi, TBi, TCi, TDi) present. */
  readonly interfaceBytesCount: number;
  /** The historical bytes. */
  readonly historicalBytes: number[];
  /** Whether the ATR ends with a TCK byte. */
  readonly hasChecksum: boolean;
  /** TCK, the check byte; null when absent. */
  readonly TCK: number | null;
  /** Whether T0..TCK XOR to zero; undefined without TCK. */
  readonly checksumOK: boolean | undefined;
  /** FI, the clock rate conversion index (high nibble of TA1); null without TA1. */
  readonly FI: number | null;
  /** DI, the bit rate adjustment index (low nibble of TA1); null without TA1. */
  readonly DI: number | null;
  /** II, the programming current index (bits 6-7 of TB1); null without TB1. */
  readonly II: number | null;
  /** PI1, the programming voltage index (low 5 bits of TB1); null without TB1. */
  readonly PI1: number | null;
  /** N, the extra guard time (TC1); null without TC1. */
  readonly N: number | null;

  /**
   * Parses `bytes`. A TS other than 3B or 3F is PySCard's own SmartcardException ("invalid TS");
   * a value that is no list of bytes (integers 0..255), or an ATR that ends before its interface
   * bytes do, is InvalidArgumentError (in PySCard a TypeError or IndexError from inside).
   */
  constructor(bytes: readonly number[] | Uint8Array) {
    if (!Array.isArray(bytes) && !(bytes instanceof Uint8Array)) {
      throw InvalidArgumentError.expected('atr', 'a list of bytes (number[] or Uint8Array)', bytes, 'ATR');
    }
    this.bytes = Array.from(bytes, (value: unknown, index) => checkInteger(value, `atr[${index}]`, 0, 255, 'an integer from 0 to 255', 'ATR'));
    const at = (index: number): number => {
      const value = this.bytes[index];
      if (value === undefined) {
        throw new InvalidArgumentError(`The ATR ${formatBytes(this.bytes)} ends before byte ${index}, which its interface bytes announce.`, 'atr', 'ATR');
      }
      return value;
    };
    const ts = at(0);
    if (ts !== 0x3b && ts !== 0x3f) throw new SmartcardException(`invalid TS 0x${ts.toString(16).padStart(2, '0')}`);
    this.TS = ts;
    this.T0 = at(1);
    this.K = this.T0 & 0x0f;

    let position = 1;
    let count = 0;
    let presence = this.T0 >> 4;
    for (;;) {
      this.Y.push(presence);
      const read = (bit: number): number | null => {
        if (!(presence & bit)) return null;
        position += 1;
        count += 1;
        return at(position);
      };
      this.hasTA.push((presence & 0x1) !== 0);
      this.hasTB.push((presence & 0x2) !== 0);
      this.hasTC.push((presence & 0x4) !== 0);
      this.hasTD.push((presence & 0x8) !== 0);
      this.TA.push(read(0x1));
      this.TB.push(read(0x2));
      this.TC.push(read(0x4));
      const td = read(0x8);
      this.TD.push(td);
      if (td === null) break;
      presence = td >> 4;
    }
    this.interfaceBytesCount = count;
    this.historicalBytes = this.bytes.slice(position + 1, position + 1 + this.K);
    this.hasChecksum = this.bytes.length === position + 1 + this.K + 1;
    this.TCK = this.hasChecksum ? at(this.bytes.length - 1) : null;
    this.checksumOK = this.hasChecksum ? this.bytes.slice(1).reduce((x, byte) => x ^ byte, 0) === 0 : undefined;

    const ta1 = this.TA[0] ?? null;
    const tb1 = this.TB[0] ?? null;
    this.FI = ta1 === null ? null : (ta1 >> 4) & 0x0f;
    this.DI = ta1 === null ? null : ta1 & 0x0f;
    this.II = tb1 === null ? null : (tb1 >> 5) & 0x03;
    this.PI1 = tb1 === null ? null : tb1 & 0x1f;
    this.N = this.TC[0] ?? null;
  }

  /** TCK, or null when absent. */
  getChecksum(): number | null {
    return this.TCK;
  }
  /** The historical bytes. */
  getHistoricalBytes(): number[] {
    return this.historicalBytes;
  }
  /** The number of historical bytes. */
  getHistoricalBytesCount(): number {
    return this.historicalBytes.length;
  }
  /** The number of interface bytes. */
  getInterfaceBytesCount(): number {
    return this.interfaceBytesCount;
  }
  /** TA1, or null when absent. */
  getTA1(): number | null {
    return this.TA[0] ?? null;
  }
  /** TB1, or null when absent. */
  getTB1(): number | null {
    return this.TB[0] ?? null;
  }
  /** TC1, or null when absent. */
  getTC1(): number | null {
    return this.TC[0] ?? null;
  }
  /** TD1, or null when absent. */
  getTD1(): number | null {
    return this.TD[0] ?? null;
  }
  /** Di, the bit rate adjustment factor from TA1 (1 without TA1; 'RFU' for a reserved index). */
  getBitRateFactor(): number | Rfu {
    return this.DI === null ? 1 : (BIT_RATE_FACTOR[this.DI] ?? 'RFU');
  }
  /** Fi, the clock rate conversion factor from TA1 (372 without TA1; 'RFU' for a reserved index). */
  getClockRateConversion(): number | Rfu {
    return this.FI === null ? 372 : (CLOCK_RATE_CONVERSION[this.FI] ?? 'RFU');
  }
  /** The programming current in mA from TB1 (50 without TB1; 'RFU' for a reserved index). */
  getProgrammingCurrent(): number | Rfu {
    return this.II === null ? 50 : (CURRENT_TABLE[this.II] ?? 'RFU');
  }
  /** The programming voltage in volts from TB1 (5 without TB1). */
  getProgrammingVoltage(): number {
    return this.PI1 === null ? 5 : 5 * (1 + this.PI1);
  }
  /** N, the extra guard time (TC1), or null when absent. */
  getGuardTime(): number | null {
    return this.N;
  }

  /** { 'T=1': true, ... } for each protocol a TDi names; T=0 when TD1 is absent. */
  getSupportedProtocols(): Record<string, true> {
    const protocols: Record<string, true> = {};
    for (const td of this.TD) if (td !== null) protocols[`T=${td & 0x0f}`] = true;
    if (!this.hasTD[0]) protocols['T=0'] = true;
    return protocols;
  }
  /** Whether the card offers T=0. */
  isT0Supported(): boolean {
    return 'T=0' in this.getSupportedProtocols();
  }
  /** Whether the card offers T=1. */
  isT1Supported(): boolean {
    return 'T=1' in this.getSupportedProtocols();
  }
  /** Whether a TDi names T=15 (global interface bytes follow). */
  isT15Supported(): boolean {
    return 'T=15' in this.getSupportedProtocols();
  }

  /** Prints the ATR's details to stdout, line for line as PySCard's dump(). */
  dump(): void {
    const hex = (value: number): string => value.toString(16);
    for (let i = 0; i < this.TA.length; i += 1) {
      const [ta, tb, tc, td] = [this.TA[i], this.TB[i], this.TC[i], this.TD[i]];
      if (ta !== null && ta !== undefined) print(`TA${i + 1}: ${hex(ta)}`);
      if (tb !== null && tb !== undefined) print(`TB${i + 1}: ${hex(tb)}`);
      if (tc !== null && tc !== undefined) print(`TC${i + 1}: ${hex(tc)}`);
      if (td !== null && td !== undefined) print(`TD${i + 1}: ${hex(td)}`);
    }
    print(`supported protocols ${Object.keys(this.getSupportedProtocols()).join(',')}`);
    print(`T=0 supported: ${this.isT0Supported() ? 'True' : 'False'}`);
    print(`T=1 supported: ${this.isT1Supported() ? 'True' : 'False'}`);
    const checksum = this.getChecksum();
    if (checksum) print(`checksum: ${checksum}`);
    print(`\tclock rate conversion factor: ${this.getClockRateConversion()}`);
    print(`\tbit rate adjustment factor: ${this.getBitRateFactor()}`);
    print(`\tmaximum programming current: ${this.getProgrammingCurrent()}`);
    print(`\tprogramming voltage: ${this.getProgrammingVoltage()}`);
    print(`\tguard time: ${this.N === null ? 'None' : this.N}`);
    print(`nb of interface bytes: ${this.getInterfaceBytesCount()}`);
    print(`nb of historical bytes: ${this.getHistoricalBytesCount()}`);
  }

  /** The ATR as spaced upper-case hex, as PySCard's str(ATR). */
  toString(): string {
    return toHexString(this.bytes);
  }
}

function formatBytes(bytes: readonly number[]): string {
  return bytes.length === 0 ? '(empty)' : toHexString(bytes);
}
