import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { NfcError } from '../nfc-errors';

/** A block that is not in MIFARE Classic value-block format. */
export class ValueBlockError extends NfcError {}

/** A decoded value block: a signed 32-bit value and the address byte. */
export interface ValueBlock {
  /** The signed 32-bit value. */
  readonly value: number;
  /** The address byte (commonly the block's own number, for backup management). */
  readonly address: number;
}

/** Encodes a value block: value (LE) ~value value addr ~addr addr ~addr (NXP MF1S50 §8.6.2.1). */
export function encodeValueBlock(value: number, address: number): Uint8Array {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw InvalidArgumentError.expected('value', 'a signed 32-bit integer', value);
  if (!Number.isInteger(address) || address < 0 || address > 0xff) throw InvalidArgumentError.expected('address', 'a byte', address);
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setInt32(0, value, true);
  view.setInt32(4, ~value, true);
  view.setInt32(8, value, true);
  out.set([address, ~address & 0xff, address, ~address & 0xff], 12);
  return out;
}

/** Decodes a value block; a block whose copies disagree is a ValueBlockError. */
export function decodeValueBlock(block: Uint8Array): ValueBlock {
  if (block.length !== 16) throw InvalidArgumentError.expected('block', 'a 16-byte block', `${block.length} bytes`);
  const view = new DataView(block.buffer, block.byteOffset, 16);
  const value = view.getInt32(0, true);
  const address = block[12] ?? 0;
  if (
    view.getInt32(4, true) !== ~value ||
    view.getInt32(8, true) !== value ||
    block[13] !== (~address & 0xff) ||
    block[14] !== address ||
    block[15] !== (~address & 0xff)
  ) {
    throw new ValueBlockError('The block is not a value block: its copies of the value or address disagree');
  }
  return { value, address };
}
