import { ApduError } from '../errors/apdu-error';
import { formatHexByte } from './hex';

/**
 * The ISO/IEC 7816-3 command cases: 1 (no body), 2 (Le only), 3 (data only), 4 (data and Le);
 * S = short length fields, E = extended length fields.
 */
export type ApduCase = '1' | '2S' | '2E' | '3S' | '3E' | '4S' | '4E';

/** Where the length fields and the data sit in a command APDU. */
export interface CommandLayout {
  readonly case: ApduCase;
  /** Nc, the number of data bytes (0 when there is no data field). */
  readonly lc: number;
  /** Index of the first data byte. */
  readonly dataOffset: number;
  /** Ne, the number of response bytes expected (short 00 = 256, extended 0000 = 65536); undefined when there is no Le field. */
  readonly le: number | undefined;
  readonly extended: boolean;
}

const HEADER = 4;

/** Decides the case of a command from its length fields; throws ApduError if they do not add up. */
export function decodeCommandLayout(bytes: Uint8Array): CommandLayout {
  if (bytes.length < HEADER) {
    throw new ApduError(`Expected \`command\` to have at least ${HEADER} bytes (CLA INS P1 P2), got ${bytes.length}.`, 'command');
  }
  const body = bytes.length - HEADER;
  if (body === 0) return { case: '1', lc: 0, dataOffset: HEADER, le: undefined, extended: false };

  const b1 = bytes[HEADER] ?? 0;
  if (body === 1) return { case: '2S', lc: 0, dataOffset: HEADER, le: b1 === 0 ? 256 : b1, extended: false };
  if (b1 !== 0) return decodeShortBody(bytes, body, b1);
  return decodeExtendedBody(bytes, body);
}

function decodeShortBody(bytes: Uint8Array, body: number, lc: number): CommandLayout {
  const dataOffset = HEADER + 1;
  if (body === 1 + lc) return { case: '3S', lc, dataOffset, le: undefined, extended: false };
  if (body === 2 + lc) {
    const le = bytes[bytes.length - 1] ?? 0;
    return { case: '4S', lc, dataOffset, le: le === 0 ? 256 : le, extended: false };
  }
  throw new ApduError(
    `Malformed command APDU: Lc is ${formatHexByte(lc)} (${lc} data bytes) but ${body - 1} bytes follow it; ` +
      `expected ${lc} (case 3) or ${lc + 1} (case 4 with Le)`,
  );
}

function decodeExtendedBody(bytes: Uint8Array, body: number): CommandLayout {
  if (body < 3) {
    throw new ApduError(`Malformed command APDU: a 00 byte after the header starts an extended length field, which needs 3 bytes; got ${body}`);
  }
  const value = ((bytes[HEADER + 1] ?? 0) << 8) | (bytes[HEADER + 2] ?? 0);
  if (body === 3) return { case: '2E', lc: 0, dataOffset: HEADER, le: value === 0 ? 65536 : value, extended: true };
  if (value === 0) {
    throw new ApduError(`Malformed command APDU: extended Lc is 0000 but ${body - 3} more bytes follow`);
  }
  const dataOffset = HEADER + 3;
  if (body === 3 + value) return { case: '3E', lc: value, dataOffset, le: undefined, extended: true };
  if (body === 5 + value) {
    const le = ((bytes[bytes.length - 2] ?? 0) << 8) | (bytes[bytes.length - 1] ?? 0);
    return { case: '4E', lc: value, dataOffset, le: le === 0 ? 65536 : le, extended: true };
  }
  throw new ApduError(
    `Malformed command APDU: extended Lc is ${value} but ${body - 3} bytes follow it; ` +
      `expected ${value} (case 3E) or ${value + 2} (case 4E with a 2-byte Le)`,
  );
}
