import { Socket, createConnection } from 'node:net';

/** The default TCP port of the first vpcd slot (`Virtual PCD 00 00`); the second slot listens on 35964. */
export const VPCD_DEFAULT_PORT = 35963;
export const VPCD_DEFAULT_HOST = '127.0.0.1';
const DEFAULT_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 25;

const CTRL_POWER_OFF = 0;
const CTRL_POWER_ON = 1;
const CTRL_RESET = 2;
const CTRL_ATR = 4;

/** SW 6F 00 (no precise diagnosis): what the card answers when its own code throws. */
const SW_INTERNAL_FAILURE = Uint8Array.of(0x6f, 0x00);

export interface VpcdLinkOptions {
  /** vpcd's TCP port; 35963 is `Virtual PCD 00 00`, 35964 is `Virtual PCD 00 01`. */
  readonly port?: number;
  readonly host?: string;
  /** How long `insert()` keeps trying to reach vpcd before it rejects. Default 10 s. */
  readonly timeoutMs?: number;
}

/** What the link needs from a card (VirtualCard has all of it). */
export interface VpcdCard {
  readonly atr: Uint8Array;
  reset(): void;
  process(command: Uint8Array): Uint8Array;
}

/** A card attached to a vpcd slot: the socket being open is the card being in the reader. */
export interface VpcdAttachment {
  readonly host: string;
  readonly port: number;
  /** True while the socket to vpcd is open (the reader sees a card). */
  readonly connected: boolean;
  /** True between vpcd's power-on (or reset) and its power-off. */
  readonly powered: boolean;
  /** Closes the socket: pcscd sees the card removed at its next poll. */
  remove(): Promise<void>;
  /** Connects again (retrying until `timeoutMs`): pcscd sees a card inserted at its next poll. */
  insert(): Promise<void>;
}

/** Connects `card` to vpcd and resolves once the socket is open. */
export async function attachToVpcd(card: VpcdCard, options: VpcdLinkOptions = {}): Promise<VpcdAttachment> {
  const link = new VpcdLink(card, options);
  await link.insert();
  return link;
}

class VpcdLink implements VpcdAttachment {
  readonly host: string;
  readonly port: number;
  private readonly timeoutMs: number;
  private socket: Socket | undefined;
  private pending: Promise<void> | undefined;
  private isPowered = false;

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

  insert(): Promise<void> {
    if (this.socket) return Promise.resolve();
    if (!this.pending) {
      this.pending = this.connectWithRetry().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  async remove(): Promise<void> {
    if (this.pending) await this.pending.catch(() => undefined);
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    this.isPowered = false;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private async connectWithRetry(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let lastError: Error | undefined;
    for (;;) {
      try {
        this.adopt(await this.connectOnce());
        return;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
      if (Date.now() + RETRY_DELAY_MS > deadline) {
        throw new Error(
          `Could not reach vpcd at ${this.host}:${this.port} within ${this.timeoutMs} ms ` +
            `(is pcscd running with the vpcd driver?): ${lastError.message}`,
        );
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
    const frames = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const payload of frames.push(chunk)) {
        const reply = this.handle(payload);
        if (reply) socket.write(encodeFrame(reply));
      }
    });
    // vpcd hangs up when pcscd stops or the driver drops the card; that is a removal too.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = undefined;
        this.isPowered = false;
      }
    });
  }

  private handle(payload: Uint8Array): Uint8Array | undefined {
    if (payload.length === 0) return undefined;
    if (payload.length > 1) return this.answer(payload);
    switch (payload[0]) {
      case CTRL_POWER_OFF:
        this.isPowered = false;
        return undefined;
      case CTRL_POWER_ON:
      case CTRL_RESET:
        this.isPowered = true;
        this.card.reset();
        return undefined;
      case CTRL_ATR:
        return this.card.atr;
      default:
        return undefined;
    }
  }

  private answer(command: Uint8Array): Uint8Array {
    try {
      return this.card.process(command);
    } catch {
      return SW_INTERNAL_FAILURE;
    }
  }
}

/** Splits a TCP byte stream into length-prefixed payloads, across and within chunks. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Uint8Array[] {
    this.buffered = this.buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffered, chunk]);
    const payloads: Uint8Array[] = [];
    while (this.buffered.length >= 2) {
      const length = this.buffered.readUInt16BE(0);
      if (this.buffered.length < 2 + length) break;
      payloads.push(Uint8Array.from(this.buffered.subarray(2, 2 + length)));
      this.buffered = this.buffered.subarray(2 + length);
    }
    return payloads;
  }
}

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > 0xffff) throw new RangeError(`vpcd frame too long: ${payload.length} bytes`);
  const frame = Buffer.alloc(2 + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, 2);
  return frame;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
