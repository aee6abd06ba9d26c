import type { Reader } from './reader';
import { InvalidATRMaskLengthException } from './exceptions';
import { toHexString } from './util/hex-string';

/** Which cards a CardRequest waits for (smartcard.CardType). Subclasses may connect to decide. */
export abstract class CardType {
  /** Whether the card with `atr` in `reader` qualifies. */
  abstract matches(atr: readonly number[], reader?: Reader): boolean | Promise<boolean>;
}

/** Matches every card. */
export class AnyCardType extends CardType {
  /** Every card: true. */
  matches(_atr: readonly number[], _reader?: Reader): boolean {
    return true;
  }
}

/** Matches cards whose ATR equals `atr` on the bits set in `mask` (every bit without a mask). */
export class ATRCardType extends CardType {
  /** The ATR to match. */
  readonly atr: number[];
  /** The bits of each ATR byte that count; undefined: all of them. */
  readonly mask: number[] | undefined;
  /** `atr` with the mask applied. */
  readonly maskedatr: number[];

  constructor(atr: readonly number[], mask?: readonly number[] | null) {
    super();
    this.atr = [...atr];
    this.mask = mask ? [...mask] : undefined;
    if (this.mask === undefined) {
      this.maskedatr = this.atr;
    } else {
      if (this.atr.length !== this.mask.length) throw new InvalidATRMaskLengthException(toHexString(this.mask));
      const bits = this.mask;
      this.maskedatr = this.atr.map((byte, i) => byte & (bits[i] ?? 0));
    }
  }

  /** Whether `atr` has the same length and equals `atr` on the masked bits. */
  matches(atr: readonly number[], _reader?: Reader): boolean {
    if (atr.length !== this.atr.length) return false;
    const bits = this.mask;
    const masked = bits ? atr.map((byte, i) => byte & (bits[i] ?? 0)) : atr;
    return masked.every((byte, i) => byte === this.maskedatr[i]);
  }
}
