import type { Reader } from './reader';
import { InvalidATRMaskLengthException } from './exceptions';
import { toHexString } from './util/hex-string';

/** Which cards a CardRequest waits for (smartcard.CardType). Subclasses may connect to decide. */
export abstract class CardType {
  abstract matches(atr: readonly number[], reader?: Reader): boolean | Promise<boolean>;
}

/** Matches every card. */
export class AnyCardType extends CardType {
  matches(_atr: readonly number[], _reader?: Reader): boolean {
    return true;
  }
}

/** Matches cards whose ATR equals `atr` on the bits set in `mask` (every bit without a mask). */
export class ATRCardType extends CardType {
  readonly atr: number[];
  readonly mask: number[] | undefined;
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

  matches(atr: readonly number[], _reader?: Reader): boolean {
    if (atr.length !== this.atr.length) return false;
    const bits = this.mask;
    const masked = bits ? atr.map((byte, i) => byte & (bits[i] ?? 0)) : atr;
    return masked.every((byte, i) => byte === this.maskedatr[i]);
  }
}
