import { ApduError } from '../errors/apdu-error';
import { isByte } from './byte-input';

/** The parts of a command APDU before encoding. */
export interface CommandFields {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Ne, 1..65536; undefined for no Le field. */
  readonly le: number | undefined;
  /** true forces extended length fields, false forbids them, undefined picks the shortest encoding. */
  readonly extended: boolean | undefined;
}

export const MAX_SHORT_LC = 255;
export const MAX_SHORT_LE = 256;
export const MAX_EXTENDED_LC = 65535;
export const MAX_EXTENDED_LE = 65536;

/** Encodes a command APDU, short unless the lengths (or `extended: true`) need extended fields. */
export function encodeCommand(fields: CommandFields): Uint8Array {
  checkHeader(fields);
  const { data, le } = fields;
  const nc = data.length;
  if (nc > MAX_EXTENDED_LC) {
    throw new ApduError(`Command data has ${nc} bytes; at most ${MAX_EXTENDED_LC} fit in a command APDU`);
  }
  if (le !== undefined) checkLe(le);

  const needsExtended = nc > MAX_SHORT_LC || (le !== undefined && le > MAX_SHORT_LE);
  if (needsExtended && fields.extended === false) {
    throw new ApduError(
      `Lc ${nc} / Le ${String(le)} do not fit short length fields (Lc <= ${MAX_SHORT_LC}, Le <= ${MAX_SHORT_LE}) and extended was set to false`,
    );
  }
  const extended = needsExtended || fields.extended === true;

  const lcField = nc === 0 ? [] : extended ? [0, nc >> 8, nc & 0xff] : [nc];
  const leField = le === undefined ? [] : extended ? extendedLe(le, nc > 0) : [le & 0xff];

  const out = new Uint8Array(4 + lcField.length + nc + leField.length);
  out.set([fields.cla, fields.ins, fields.p1, fields.p2], 0);
  out.set(lcField, 4);
  out.set(data, 4 + lcField.length);
  out.set(leField, 4 + lcField.length + nc);
  return out;
}

/** With an extended Lc already present, Le is two bytes; on its own it carries the 00 marker. */
function extendedLe(le: number, afterLc: boolean): number[] {
  const value = le & 0xffff;
  const field = [value >> 8, value & 0xff];
  return afterLc ? field : [0, ...field];
}

function checkHeader(fields: CommandFields): void {
  for (const name of ['cla', 'ins', 'p1', 'p2'] as const) {
    const value = fields[name];
    if (!isByte(value)) throw ApduError.expected(name.toUpperCase(), 'an integer from 0 to 255', value);
  }
}

function checkLe(le: number): void {
  if (!Number.isInteger(le) || le < 1 || le > MAX_EXTENDED_LE) {
    throw new ApduError(
      `Le is ${String(le)}: give the number of expected response bytes, 1 to ${MAX_EXTENDED_LE} ` +
        `(256 encodes as short 00, 65536 as extended 0000), or leave it out for no Le field`,
    );
  }
}
