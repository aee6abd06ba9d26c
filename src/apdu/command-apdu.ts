import { ApduError } from '../errors/apdu-error';
import { type ByteInput, bytesFromInput, checkedByteArray } from './byte-input';
import { type ApduCase, type CommandLayout, decodeCommandLayout } from './command-layout';
import { encodeCommand } from './command-encoding';
import { formatHex, parseHexBytes } from './hex';

/** Shortest command APDU in bytes (CLA INS P1 P2). */
export const MIN_COMMAND_LENGTH = 4;
/** Longest command APDU in bytes (extended case 4: 4 + 3 + 65535 + 2). */
export const MAX_COMMAND_LENGTH = 65544;

/** What `CommandApdu.build` takes. */
export interface CommandApduSpec {
  /** Class byte, 0..255. */
  readonly cla: number;
  /** Instruction byte, 0..255. */
  readonly ins: number;
  /** First parameter byte, 0..255. */
  readonly p1: number;
  /** Second parameter byte, 0..255. */
  readonly p2: number;
  /** Command data (Nc = its length); omitted or empty for none. */
  readonly data?: ByteInput;
  /** Ne, the number of response bytes expected, 1..65536; omitted for no Le field. */
  readonly le?: number;
  /** true forces extended length fields, false forbids them; omitted picks short when the lengths fit. */
  readonly extended?: boolean;
}

/** A command APDU whose bytes were checked when it was built. */
export class CommandApdu {
  /** The whole command as sent to the card. */
  readonly bytes: Uint8Array;
  /** Decoded on first use: fromBytes/fromHex accept commands whose length fields are not ISO. */
  private layoutOrError: CommandLayout | ApduError | undefined;

  private constructor(bytes: Uint8Array, layout?: CommandLayout) {
    this.bytes = bytes;
    this.layoutOrError = layout;
  }

  /** Encodes a command, choosing short or extended length fields (cases 1, 2S/2E, 3S/3E, 4S/4E). */
  static build(spec: CommandApduSpec): CommandApdu {
    const data = spec.data === undefined ? new Uint8Array(0) : bytesFromInput(spec.data, 'Data byte');
    const bytes = encodeCommand({ cla: spec.cla, ins: spec.ins, p1: spec.p1, p2: spec.p2, data, le: spec.le, extended: spec.extended });
    return new CommandApdu(bytes, decodeCommandLayout(bytes));
  }

  /** Reads a command and checks that its length fields match one ISO case; throws ApduError otherwise. */
  static parse(input: ByteInput): CommandApdu {
    const bytes = checkedLength(Uint8Array.from(bytesFromInput(input)));
    return new CommandApdu(bytes, decodeCommandLayout(bytes));
  }

  /**
   * @internal Wraps bytes already checked for length and byte values (see `toCommandApdu`),
   * without a copy; `layout`, when known, saves decoding them.
   */
  static ofCheckedBytes(bytes: Uint8Array, layout?: CommandLayout): CommandApdu {
    return new CommandApdu(bytes, layout);
  }

  /** Wraps raw command bytes (4..65544 bytes of 0..255); the length fields are not checked. */
  static fromBytes(bytes: Uint8Array | readonly number[]): CommandApdu {
    const copy = bytes instanceof Uint8Array ? Uint8Array.from(bytes) : checkedByteArray(bytes);
    return new CommandApdu(checkedLength(copy));
  }

  /** Like fromBytes, from hex text such as '00 A4 04 00'. */
  static fromHex(hex: string): CommandApdu {
    return new CommandApdu(checkedLength(parseHexBytes(hex)));
  }

  /** Class byte (first byte). */
  get cla(): number {
    return this.bytes[0] ?? 0;
  }
  /** Instruction byte (second byte). */
  get ins(): number {
    return this.bytes[1] ?? 0;
  }
  /** First parameter byte (third byte). */
  get p1(): number {
    return this.bytes[2] ?? 0;
  }
  /** Second parameter byte (fourth byte). */
  get p2(): number {
    return this.bytes[3] ?? 0;
  }

  /** The ISO case; throws ApduError when the length fields match none (only possible via fromBytes/fromHex). */
  get case(): ApduCase {
    return this.layout.case;
  }

  /** Nc, the number of data bytes. */
  get lc(): number {
    return this.layout.lc;
  }

  /** The command data field (a view into `bytes`). */
  get data(): Uint8Array {
    const { dataOffset, lc } = this.layout;
    return this.bytes.subarray(dataOffset, dataOffset + lc);
  }

  /** Ne: 1..65536, or undefined when the command has no Le field. */
  get le(): number | undefined {
    return this.layout.le;
  }

  /** Whether the length fields are extended (3-byte Lc / 2- or 3-byte Le); throws ApduError when they match no ISO case. */
  get isExtended(): boolean {
    return this.layout.extended;
  }

  /** Whether the length fields match an ISO case, i.e. whether `case`, `lc`, `data`, `le` can be read. */
  get isWellFormed(): boolean {
    return !(this.decode() instanceof ApduError);
  }

  /** The same command with another Le (undefined removes it); keeps extended fields if this one had them. */
  withLe(le: number | undefined): CommandApdu {
    return CommandApdu.build({
      cla: this.cla,
      ins: this.ins,
      p1: this.p1,
      p2: this.p2,
      data: this.data,
      ...(le === undefined ? {} : { le }),
      ...(this.isExtended ? { extended: true } : {}),
    });
  }

  /** The command as spaced upper-case hex, e.g. '00 A4 04 00'. */
  toString(): string {
    return formatHex(this.bytes);
  }

  private get layout(): CommandLayout {
    const decoded = this.decode();
    if (decoded instanceof ApduError) throw decoded;
    return decoded;
  }

  private decode(): CommandLayout | ApduError {
    if (this.layoutOrError === undefined) {
      try {
        this.layoutOrError = decodeCommandLayout(this.bytes);
      } catch (error) {
        if (!(error instanceof ApduError)) throw error;
        this.layoutOrError = error;
      }
    }
    return this.layoutOrError;
  }
}

/** Anything `transmit` accepts as a command. */
export type ApduInput = string | Uint8Array | readonly number[] | CommandApdu;

/**
 * Any accepted command form as one CommandApdu, checked once (length and byte values; the length
 * fields are decoded only if something asks for them), or ApduError. A CommandApdu comes back as
 * is, a Uint8Array is wrapped without a copy.
 */
export function toCommandApdu(input: ApduInput): CommandApdu {
  return input instanceof CommandApdu ? (toCommandBytes(input), input) : CommandApdu.ofCheckedBytes(toCommandBytes(input));
}

/** Turns any accepted command form into validated bytes, or throws ApduError. Checks length and byte values only. */
export function toCommandBytes(input: ApduInput): Uint8Array {
  if (input instanceof CommandApdu) {
    // A CommandApdu made by the constructor always has its bytes; an object forged on its prototype does not.
    if (input.bytes instanceof Uint8Array) return input.bytes;
    throw new ApduError('A CommandApdu must come from its constructor or a parse function; this one has no bytes');
  }
  if (typeof input === 'string') return checkedLength(parseHexBytes(input));
  if (input instanceof Uint8Array) return checkedLength(input);
  if (Array.isArray(input)) return checkedLength(checkedByteArray(input));
  throw ApduError.expected('command', 'a hex string, Uint8Array, number[] or CommandApdu', input);
}

function checkedLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length < MIN_COMMAND_LENGTH) {
    throw new ApduError(`Expected \`command\` to have at least ${MIN_COMMAND_LENGTH} bytes (CLA INS P1 P2), got ${bytes.length}.`, 'command');
  }
  if (bytes.length > MAX_COMMAND_LENGTH) {
    throw new ApduError(`Expected \`command\` to have at most ${MAX_COMMAND_LENGTH} bytes, got ${bytes.length}.`, 'command');
  }
  return bytes;
}
