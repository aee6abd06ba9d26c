import { type Socket, createConnection } from 'node:net';
import { FrameReader, encodeFrame } from './vpcd-frames';

/** The TCP port of the first vpcd slot (`Virtual PCD 00 00`); the second slot listens on 35964. */
export const VPCD_DEFAULT_PORT = 35963;
/** The host vpcd listens on by default (loopback). */
export const VPCD_DEFAULT_HOST = '127.0.0.1';
const DEFAULT_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 25;

const CTRL_POWER_OFF = 0;
const CTRL_POWER_ON = 1;
const CTRL_RESET = 2;
const CTRL_ATR = 4;

/** SW 6F 00 (no precise diagnosis): the answer when the card's own code throws. */
const SW_INTERNAL_FAILURE = Uint8Array.of(0x6f, 0x00);

/** Where to find vpcd and how long to keep trying to reach it. */
export interface VpcdLinkOptions {
  /** vpcd's TCP port: 35963 is `Virtual PCD 00 00`, 35964 is `Virtual PCD 00 01`. */
  readonly port?: number;
  /** vpcd's host; default VPCD_DEFAULT_HOST. */
  readonly host?: string;
  /** How long connecting keeps retrying while vpcd is not listening yet. Default 10 s. */
  readonly timeoutMs?: number;
}

/** What the link needs from a card; VirtualCard has all of it. */
export interface VpcdCard {
  /** The ATR vpcd reads from the card. */
  readonly atr: Uint8Array;
  /** Power-up or warm reset, as vpcd signals it. */
  reset(): void;
  /** Answers one command APDU with data followed by SW1 SW2. */
  process(command: Uint8Array): Uint8Array;
}

/** A card in a vpcd slot: while the socket is open, the reader holds the card. */
export interface VpcdAttachment {
  /** The vpcd host the card is attached to. */
  readonly host: string;
  /** The vpcd slot's TCP port the card is attached to. */
  readonly port: number;
  /** True while the socket to vpcd is open. */
  readonly connected: boolean;
  /** True between vpcd's power-on (or reset) and its power-off; pcscd powers idle cards down. */
  readonly powered: boolean;
  /** How many times vpcd told the card to power off (pcscd repeats it for a card already off). */
  readonly powerOffCount: number;
  /**
   * Resolves once pcscd has taken the card in since the last insertion: vpcd powered it up
   * and read its ATR. pcscd publishes the new reader state right after that exchange.
   * Rejects when the card is removed first or after `timeoutMs` (default 10 s).
   * pcscd powers a card up only when it saw the slot empty before: a card inserted less than one
   * poll after the previous one left is taken for that card and never powered up.
   */
  whenActivated(timeoutMs?: number): Promise<void>;
  /**
   * Closes the socket; pcscd sees the card removed at its next poll (every 400 ms). Wait until
   * pcscd shows the reader empty before another card goes into this slot (see whenActivated).
   */
  remove(): Promise<void>;
  /** Connects again, retrying until `timeoutMs`; pcscd sees the card inserted at its next poll. */
  insert(): Promise<void>;
}

/** Connects `card` to vpcd and resolves once the socket is open. */
export async function attachToVpcd(card: VpcdCard, options: VpcdLinkOptions = {}): Promise<VpcdAttachment> {
  const link = new VpcdLink(card, options);
  await link.insert();
  return link;
}

interface ActivationWaiter {
  resolve(): void;
  reject(error: Error): void;
}

class VpcdLink implements VpcdAttachment {
  readonly host: string;
  readonly port: number;
  private readonly timeoutMs: number;
  private socket: Socket | undefined;
  private connecting: Promise<void> | undefined;
  private isPowered = false;
  private powerOffs = 0;
  private atrDueAfterPowerOn = false;
  private activated = false;
  private presencePollsBeforePowerUp = 0;
  private waiters: ActivationWaiter[] = [];

  constructor(
    private readonly card: VpcdCard,
    options: VpcdLinkOptions,
  ) {
    this.host = options.host ?? VPCD_DEFAULT_HOST;
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  get powered(): boolean {
    return this.isPowered;
  }

  get powerOffCount(): number {
    return this.powerOffs;
  }

  insert(): Promise<void> {
    if (this.socket) return Promise.resolve();
    this.connecting ??= this.connectWithRetry().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async remove(): Promise<void> {
    if (this.connecting) await this.connecting.catch(() => undefined);
    const socket = this.socket;
    if (!socket) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.destroy();
    await closed;
  }

  whenActivated(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (this.activated) return Promise.resolve();
    if (!this.socket && !this.connecting) {
      return Promise.reject(new Error(`No card in vpcd slot ${this.port}: call insert() first`));
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(this.notPoweredUpMessage(timeoutMs)));
      }, timeoutMs);
      const waiter: ActivationWaiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private notPoweredUpMessage(timeoutMs: number): string {
    const message = `pcscd did not power up the card on vpcd port ${this.port} within ${timeoutMs} ms`;
    // The first ATR request is the presence check that takes the card in; a fresh insertion is powered right after it.
    if (this.presencePollsBeforePowerUp < 2) return message;
    return (
      `${message}: it polled the card ${this.presencePollsBeforePowerUp} times but never powered it, ` +
      'so it still takes the slot for the card that was in it before (inserted before pcscd saw the slot empty)'
    );
  }

  private async connectWithRetry(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      try {
        this.adopt(await this.connectOnce());
        return;
      } catch (error) {
        if (Date.now() + RETRY_DELAY_MS > deadline) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(
            `Could not reach vpcd at ${this.host}:${this.port} within ${this.timeoutMs} ms ` + `(is pcscd running with the vpcd driver?): ${reason}`,
          );
        }
      }
      await delay(RETRY_DELAY_MS);
    }
  }

  private connectOnce(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: this.host, port: this.port, noDelay: true });
      const fail = (error: Error): void => {
        socket.destroy();
        reject(error);
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }

  private adopt(socket: Socket): void {
    this.socket = socket;
    this.activated = false;
    this.presencePollsBeforePowerUp = 0;
    const frames = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const payload of frames.push(chunk)) {
        const reply = this.handle(payload);
        if (reply) socket.write(encodeFrame(reply));
      }
    });
    // vpcd hangs up when pcscd stops; for the card that is a removal like any other.
    socket.on('error', () => undefined);
    socket.once('close', () => this.detach(socket));
  }

  private detach(socket: Socket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.isPowered = false;
    this.atrDueAfterPowerOn = false;
    this.activated = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter.reject(new Error(`The card left vpcd slot ${this.port} before pcscd powered it up`));
    }
  }

  private handle(payload: Uint8Array): Uint8Array | undefined {
    if (payload.length === 0) return undefined;
    if (payload.length > 1) return this.answer(payload);
    switch (payload[0]) {
      case CTRL_POWER_OFF:
        this.isPowered = false;
        this.powerOffs += 1;
        return undefined;
      case CTRL_POWER_ON:
      case CTRL_RESET:
        this.isPowered = true;
        this.atrDueAfterPowerOn = true;
        this.card.reset();
        return undefined;
      case CTRL_ATR:
        if (this.atrDueAfterPowerOn) this.markActivated();
        else if (!this.activated) this.presencePollsBeforePowerUp += 1;
        return this.card.atr;
      default:
        return undefined;
    }
  }

  private markActivated(): void {
    this.atrDueAfterPowerOn = false;
    this.activated = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  private answer(command: Uint8Array): Uint8Array {
    try {
      return this.card.process(command);
    } catch {
      return SW_INTERNAL_FAILURE;
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
