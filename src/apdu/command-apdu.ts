import { ApduError } from '../core/errors/apdu-error';
import { parseHexBytes } from './hex';

/** Shortest command APDU (CLA INS P1 P2) and longest (extended case 4: 4 + 3 + 65535 + 2). */
export const MIN_COMMAND_LENGTH = 4;
export const MAX_COMMAND_LENGTH = 65544;

/** A command APDU whose bytes were checked when it was built. */
export class CommandApdu {
  readonly bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Validates and wraps raw command bytes. */
  static fromBytes(bytes: Uint8Array | readonly number[]): CommandApdu {
    return new CommandApdu(checkedCommandBytes(bytes));
  }

  static fromHex(hex: string): CommandApdu {
    return new CommandApdu(checkedLength(parseHexBytes(hex)));
  }

  get cla(): number {
    return this.bytes[0] ?? 0;
  }
  get ins(): number {
    return this.bytes[1] ?? 0;
  }
  get p1(): number {
    return this.bytes[2] ?? 0;
  }
  get p2(): number {
    return this.bytes[3] ?? 0;
  }
}

/** Anything `transmit` accepts as a command. */
export type ApduInput = string | Uint8Array | readonly number[] | CommandApdu;

/** Turns any accepted command form into validated bytes, or throws ApduError. */
export function toCommandBytes(input: ApduInput): Uint8Array {
  if (input instanceof CommandApdu) return input.bytes;
  if (typeof input === 'string') return checkedLength(parseHexBytes(input));
  if (input instanceof Uint8Array) return checkedLength(input);
  if (Array.isArray(input)) return checkedCommandBytes(input);
  throw new ApduError(`A command APDU must be a hex string, Uint8Array, number[] or CommandApdu, not ${describe(input)}`);
}

function checkedCommandBytes(values: Uint8Array | readonly number[]): Uint8Array {
  if (values instanceof Uint8Array) return checkedLength(values);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
      throw new ApduError(`APDU byte ${i} is ${String(value)}: every byte must be an integer from 0 to 255`);
    }
  }
  return checkedLength(Uint8Array.from(values));
}

function checkedLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length < MIN_COMMAND_LENGTH) {
    throw new ApduError(`A command APDU needs at least ${MIN_COMMAND_LENGTH} bytes (CLA INS P1 P2); got ${bytes.length}`);
  }
  if (bytes.length > MAX_COMMAND_LENGTH) {
    throw new ApduError(`A command APDU has at most ${MAX_COMMAND_LENGTH} bytes; got ${bytes.length}`);
  }
  return bytes;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
