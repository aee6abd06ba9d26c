import { parseHexBytes } from '../apdu/hex';
import type { SimulatedCard } from '../simulator/simulated-card';
import { attachToVpcd, type VpcdAttachment, type VpcdLinkOptions } from './vpcd-link';

/** A card's answer as `respond` may give it: bytes, hex text such as '90 00', or a number array. */
export type CardAnswer = Uint8Array | string | readonly number[];

/** What a VirtualCard is built from: its ATR and how it answers. */
export interface VirtualCardOptions {
  /** The card's Answer To Reset, as hex or bytes. */
  readonly atr: string | Uint8Array | readonly number[];
  /** The card's answer to a command APDU: response data followed by SW1 SW2. */
  readonly respond: (apdu: Uint8Array) => CardAnswer;
  /** Called at every power-up or reset: a real card forgets its selected applet here. */
  readonly onReset?: () => void;
  /** `log` keeps at least this many of the latest commands (default 10,000), so long runs stay small. */
  readonly logLimit?: number;
}

const DEFAULT_LOG_LIMIT = 10_000;

/** One command the card really received, in arrival order. */
export interface CardLogEntry {
  /** The command APDU as the card received it. */
  readonly command: Uint8Array;
  /** The card's answer to it: data followed by SW1 SW2. */
  readonly response: Uint8Array;
  /** How many resets/power-ups the card had seen when the command arrived. */
  readonly resetCount: number;
}

/**
 * A smart card written in TypeScript. The same object answers inside the simulated PC/SC
 * service and behind a real pcscd (through the vpcd reader driver).
 */
export class VirtualCard implements SimulatedCard {
  /** The card's Answer To Reset. */
  readonly atr: Uint8Array;
  /** The latest commands the card received (see `logLimit`); `commandCount` counts them all. */
  readonly log: CardLogEntry[] = [];
  private readonly logLimit: number;
  private commands = 0;
  private readonly answer: (apdu: Uint8Array) => CardAnswer;
  private readonly resetHook: (() => void) | undefined;
  private resets = 0;

  constructor(options: VirtualCardOptions) {
    this.atr = toBytes(options.atr);
    this.answer = options.respond;
    this.resetHook = options.onReset;
    this.logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
    if (!(Number.isInteger(this.logLimit) && this.logLimit > 0)) throw new RangeError('logLimit must be a positive integer');
  }

  /** Number of commands the card has received, including those no longer in `log`. */
  get commandCount(): number {
    return this.commands;
  }

  /** Number of power-ups and resets so far. */
  get resetCount(): number {
    return this.resets;
  }

  /** Power-up or warm reset: the card starts over. */
  reset(): void {
    this.resets += 1;
    this.resetHook?.();
  }

  /** Delivers one command APDU to the card and returns its answer (data + SW1 SW2). */
  process(command: Uint8Array): Uint8Array {
    const copy = Uint8Array.from(command);
    const response = toBytes(this.answer(copy));
    this.commands += 1;
    this.log.push({ command: copy, response, resetCount: this.resets });
    // Trimmed in batches: one splice per `logLimit` commands instead of one per command.
    if (this.log.length >= 2 * this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    return response;
  }

  /** Puts this card into a real pcscd's vpcd reader (default `Virtual PCD 00 00`, port 35963). */
  attachToVpcd(options?: VpcdLinkOptions): Promise<VpcdAttachment> {
    return attachToVpcd(this, options);
  }
}

function toBytes(value: CardAnswer): Uint8Array {
  if (typeof value === 'string') return parseHexBytes(value);
  return Uint8Array.from(value);
}
