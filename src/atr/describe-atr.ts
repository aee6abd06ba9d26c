import { formatHex, formatHexByte } from '../apdu/hex';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { AtrInput } from './atr-input';
import { MAX_ATR_LENGTH } from './atr-input';
import type { ParsedAtr } from './atr-types';
import { describeHistoricalBytes } from './historical-bytes';
import { describeInterfaceGroup, describePresence } from './interface-bytes';
import { parseAtr } from './parse-atr';

/**
 * Human-readable lines explaining every byte of an ATR; throws AtrError for an ATR parseAtr
 * rejects, InvalidArgumentError for a value that is no ATR at all (neither text, bytes, a number
 * list nor a parseAtr result).
 */
export function describeAtr(atr: ParsedAtr | AtrInput): string[] {
  const parsed = parseAtr(isParsed(atr) ? atr.bytes : atr);
  const { ts, t0, k, historicalBytes } = parsed;
  const lines = [
    `ATR: ${formatHex(parsed.bytes)}`,
    `TS = ${formatHexByte(ts)}: ${parsed.convention} convention`,
    `T0 = ${formatHexByte(t0)}: Y1 = ${describePresence(t0 >> 4, 1)}, K = ${k} historical byte${k === 1 ? '' : 's'}`,
  ];
  for (const group of parsed.groups) lines.push(...describeInterfaceGroup(group).map((line) => `  ${line}`));

  if (historicalBytes.length > 0) {
    lines.push(`Historical bytes: ${formatHex(historicalBytes)}`, ...describeHistoricalBytes(historicalBytes));
  } else {
    lines.push('Historical bytes: none');
  }

  if (parsed.tck !== undefined) lines.push(describeTck(parsed, parsed.tck));
  const atrLength = parsed.bytes.length - parsed.extraBytes.length;
  if (atrLength > MAX_ATR_LENGTH) lines.push(`Warning: the ATR has ${atrLength} bytes, more than the ${MAX_ATR_LENGTH} ISO/IEC 7816-3 allows`);
  if (parsed.extraBytes.length > 0) {
    lines.push(`Warning: ${parsed.extraBytes.length} extra byte(s) after the end of the ATR: ${formatHex(parsed.extraBytes)}`);
  }

  lines.push(`Protocols: ${parsed.protocols.map((t) => `T=${t}`).join(', ')}`);
  if (parsed.specificMode !== undefined) lines.push(`Specific mode: T=${parsed.specificMode.protocol}`);
  return lines;
}

function describeTck(parsed: ParsedAtr, tck: number): string {
  if (parsed.tckValid === true) return `TCK = ${formatHexByte(tck)}: checksum correct`;
  const end = parsed.bytes.length - parsed.extraBytes.length - 1;
  let expected = 0;
  for (const byte of parsed.bytes.subarray(1, end)) expected ^= byte;
  return `TCK = ${formatHexByte(tck)}: WRONG checksum, expected ${formatHexByte(expected)}`;
}

/** A parseAtr result (its bytes are parsed again, so a hand-made object cannot break the description). */
function isParsed(atr: ParsedAtr | AtrInput): atr is ParsedAtr {
  if (typeof atr === 'string' || atr instanceof Uint8Array || Array.isArray(atr)) return false;
  if (typeof atr === 'object' && atr !== null && (atr as { bytes?: unknown }).bytes instanceof Uint8Array) return true;
  throw InvalidArgumentError.expected('atr', 'hex text, a Uint8Array, a number[] or a parseAtr result', atr, 'describeAtr');
}
