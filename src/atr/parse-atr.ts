import { AtrError } from './atr-error';
import { type AtrInput, atrBytes } from './atr-input';
import type { InterfaceGroup, ParsedAtr, SpecificMode } from './atr-types';
import { transmissionParameters } from './transmission-tables';
import { formatHexByte } from '../apdu/hex';

const TS_DIRECT = 0x3b;
const TS_INVERSE = 0x3f;
const GLOBAL_PROTOCOL = 15;

/** Decodes an ATR; throws AtrError when it is empty, TS is unknown, or it ends before the bytes it announces. */
export function parseAtr(input: AtrInput): ParsedAtr {
  const bytes = atrBytes(input);
  const ts = bytes[0];
  if (ts === undefined) throw new AtrError('The ATR is empty');
  if (ts !== TS_DIRECT && ts !== TS_INVERSE) {
    throw new AtrError(`TS is ${formatHexByte(ts)}: an ATR starts with 3B (direct convention) or 3F (inverse convention)`);
  }
  const t0 = bytes[1];
  if (t0 === undefined) throw new AtrError('The ATR ends after TS: T0 is missing');

  const reader = new ByteReader(bytes, 2);
  const groups = readInterfaceGroups(reader, t0 >> 4);
  const k = t0 & 0x0f;
  const historicalBytes = reader.take(k, () => `T0 announces ${k} historical bytes`);

  const tds = groups.flatMap((group) => (group.td === undefined ? [] : [group.td & 0x0f]));
  const tckRequired = tds.some((t) => t !== 0);
  let tck: number | undefined;
  let tckValid: boolean | undefined;
  if (tckRequired) {
    tck = reader.next(() => 'TCK must follow because a protocol other than T=0 is offered');
    tckValid = xor(bytes.subarray(1, reader.position)) === 0;
  }

  const offered = [...new Set(tds.filter((t) => t !== GLOBAL_PROTOCOL))];
  return {
    bytes,
    ts,
    convention: ts === TS_DIRECT ? 'direct' : 'inverse',
    t0,
    y1: t0 >> 4,
    k,
    groups,
    historicalBytes,
    tck,
    tckRequired,
    tckValid,
    protocols: offered.length > 0 ? offered : [0],
    transmission: transmissionParameters(groups[0]?.index === 1 ? groups[0].ta : undefined),
    specificMode: specificMode(groups.find((group) => group.index === 2)?.ta),
    extraBytes: bytes.slice(reader.position),
  };
}

function readInterfaceGroups(reader: ByteReader, y1: number): InterfaceGroup[] {
  const groups: InterfaceGroup[] = [];
  let presence = y1;
  let protocol: number | undefined;
  // Each TDi takes a byte, so the loop ends when the bytes run out at the latest.
  for (let index = 1; ; index += 1) {
    const read = (bit: number, name: string): number | undefined => ((presence & bit) === 0 ? undefined : reader.next(() => `${name}${index} is announced`));
    const ta = read(0x1, 'TA');
    const tb = read(0x2, 'TB');
    const tc = read(0x4, 'TC');
    const td = read(0x8, 'TD');
    if (presence !== 0) groups.push({ index, ta, tb, tc, td, protocol });
    if (td === undefined) return groups;
    presence = td >> 4;
    protocol = td & 0x0f;
  }
}

function specificMode(ta2: number | undefined): SpecificMode | undefined {
  if (ta2 === undefined) return undefined;
  return { protocol: ta2 & 0x0f, canChangeMode: (ta2 & 0x80) === 0, implicitParameters: (ta2 & 0x10) !== 0 };
}

class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public position: number,
  ) {}

  next(why: () => string): number {
    const value = this.bytes[this.position];
    if (value === undefined) throw this.truncated(why(), 1);
    this.position += 1;
    return value;
  }

  take(count: number, why: () => string): Uint8Array {
    if (this.position + count > this.bytes.length) throw this.truncated(why(), this.position + count - this.bytes.length);
    const out = this.bytes.slice(this.position, this.position + count);
    this.position += count;
    return out;
  }

  private truncated(why: string, missing: number): AtrError {
    return new AtrError(`The ATR is truncated: ${why}, but it ends after ${this.bytes.length} bytes (${missing} missing)`);
  }
}

function xor(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value ^= byte;
  return value;
}
