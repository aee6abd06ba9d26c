import { type Socket, createConnection } from 'node:net';
import { FrameReader, encodeFrame } from '../../src/testing/vpcd-frames';

const CTRL_ATR = 4;
const SW_OK = Uint8Array.of(0x90, 0x00);

/** A card in a vpcd slot that answers 90 00 to every command until mute() (then it never answers). */
export interface MuteableCard {
  /** From now on commands get no answer; pcscd waits for one until the card is removed. */
  mute(): void;
  /** Commands the card received, answered or not. */
  readonly received: number;
  /** Takes the card out, which also ends a command pcscd is still waiting on. */
  remove(): Promise<void>;
}

/**
 * Puts a muteable card into the vpcd slot listening on `port` (35964 is `Virtual PCD 00 01`); with
 * `muteAfter`, it mutes itself once it has answered that many commands.
 */
export function insertMuteableCard(port: number, atr: Uint8Array, muteAfter = Number.POSITIVE_INFINITY): Promise<MuteableCard> {
  return new Promise((resolve, reject) => {
    const socket: Socket = createConnection({ host: '127.0.0.1', port, noDelay: true });
    let muted = false;
    let received = 0;
    const frames = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const payload of frames.push(chunk)) {
        if (payload.length === 1 && payload[0] === CTRL_ATR) socket.write(encodeFrame(atr));
        if (payload.length <= 1) continue;
        received++;
        if (received > muteAfter) muted = true;
        if (!muted) socket.write(encodeFrame(SW_OK));
      }
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({
        mute: () => void (muted = true),
        get received() {
          return received;
        },
        remove: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) {
              done();
              return;
            }
            socket.once('close', () => done());
            socket.destroy();
          }),
      });
    });
  });
}
