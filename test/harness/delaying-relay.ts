import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';

/** TRANSMIT's command code in pcscd's request header. */
const TRANSMIT = 0x09;
const HEADER_SIZE = 8;

/** A unix socket between a client and pcscd, every write held back `delayMs` each way (a forwarded socket's latency). */
export interface DelayingRelay {
  /** The socket path clients connect to instead of pcscd's. */
  readonly path: string;
  /** The most TRANSMIT requests one client write carried (1 for a client that waits for each answer). */
  readonly mostTransmitsInOneWrite: number;
  close(): Promise<void>;
}

/**
 * Counts the TRANSMIT requests in a client's byte stream: requests are an 8-byte header
 * `{u32 size, u32 command}` and `size` bytes, plus the command bytes for TRANSMIT (cbSendLength at 12).
 */
class RequestCounter {
  private pending = Buffer.alloc(0);

  /** How many TRANSMIT headers start in `chunk`. */
  count(chunk: Buffer): number {
    this.pending = Buffer.concat([this.pending, chunk]);
    let transmits = 0;
    for (;;) {
      if (this.pending.length < HEADER_SIZE) return transmits;
      const size = this.pending.readUInt32LE(0);
      const command = this.pending.readUInt32LE(4);
      let total = HEADER_SIZE + size;
      if (command === TRANSMIT) {
        if (this.pending.length < HEADER_SIZE + 16) return transmits;
        total += this.pending.readUInt32LE(HEADER_SIZE + 12);
        transmits += 1;
      }
      if (this.pending.length < total) return transmits;
      this.pending = this.pending.subarray(total);
    }
  }
}

/** Forwards `from` to `to`, each chunk `delayMs` after it arrived, in order. */
function forward(from: Socket, to: Socket, delayMs: number, onChunk?: (chunk: Buffer) => void): void {
  from.on('data', (chunk: Buffer) => {
    onChunk?.(chunk);
    if (delayMs <= 0) to.write(chunk);
    else setTimeout(() => to.write(chunk), delayMs);
  });
  from.on('close', () => setTimeout(() => to.destroy(), delayMs));
  from.on('error', () => undefined);
}

/** Starts a relay at `path` to pcscd's socket `target`, delaying each write by `delayMs` in both directions. */
export function startDelayingRelay(path: string, target: string, delayMs: number): Promise<DelayingRelay> {
  rmSync(path, { force: true });
  let most = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const daemon = createConnection({ path: target });
    sockets.add(client).add(daemon);
    const counter = new RequestCounter();
    forward(client, daemon, delayMs, (chunk) => {
      most = Math.max(most, counter.count(chunk));
    });
    forward(daemon, client, delayMs);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      resolve({
        path,
        get mostTransmitsInOneWrite() {
          return most;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
