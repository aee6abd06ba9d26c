import { ApduError } from '../errors/apdu-error';
import { formatHex } from './hex';
import { describeStatusWord } from './status-words';

/** A card's answer: data followed by the status word SW1 SW2. */
export class ResponseApdu {
  /** The whole answer: data followed by SW1 SW2. */
  readonly bytes: Uint8Array;
  /** The response data, without the status word. */
  readonly data: Uint8Array;
  /** First status byte (e.g. 0x90 of 9000). */
  readonly sw1: number;
  /** Second status byte. */
  readonly sw2: number;

  /** `bytes`: the answer as a Uint8Array (a Buffer is one); anything else is an ApduError. */
  constructor(bytes: Uint8Array) {
    if (!(bytes instanceof Uint8Array)) throw ApduError.expected('bytes', 'a Uint8Array', bytes);
    this.bytes = bytes;
    const length = bytes.length;
    this.sw1 = length >= 2 ? (bytes[length - 2] ?? 0) : 0;
    this.sw2 = length >= 2 ? (bytes[length - 1] ?? 0) : 0;
    this.data = length >= 2 ? bytes.subarray(0, length - 2) : new Uint8Array(0);
  }

  /** SW1 SW2 as one number, e.g. 0x9000. */
  get sw(): number {
    return (this.sw1 << 8) | this.sw2;
  }

  /** True for 90 00 (and 61 xx, more data available). */
  get ok(): boolean {
    return this.sw === 0x9000 || this.sw1 === 0x61;
  }

  /** What the status word means, e.g. 'File or application not found' for 6A 82. */
  get statusText(): string {
    if (this.bytes.length < 2) return `No status word: the response has only ${this.bytes.length} byte(s)`;
    return describeStatusWord(this.sw1, this.sw2);
  }

  /** The answer as spaced upper-case hex, e.g. '6F 10 90 00'. */
  toString(): string {
    return formatHex(this.bytes);
  }
}
