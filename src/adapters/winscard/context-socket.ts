import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { SerialQueue } from '../../driver/serial-queue';
import type { Koffi, KoffiFunction } from './platform-table';

/** The connection of one native PC/SC context to the service. */
export interface ContextLink {
  /**
   * Shuts the connection down, so that a call blocked on it (a command to a card that never answers)
   * returns at once with SCARD_E_NO_SERVICE and frees its thread. The context is dead afterwards.
   */
  cut(): void;
}

/** Notes which socket each native context opens, where the platform's library gives one per context. */
export interface ContextSockets {
  /** Runs `establish` and names the connection it opened (none when that cannot be told for sure). */
  establish<T>(establish: () => Promise<T>): Promise<{ readonly value: T; readonly link: ContextLink | undefined }>;
}

const FD_DIRECTORY = '/proc/self/fd';
const SHUT_RDWR = 2;
const SETTLE_LOOKS = 5;
const SETTLE_LOOK_MS = 2;
/** Establishing contexts one at a time in the whole process tells whose socket is whose. */
const establishing = new SerialQueue();

/**
 * pcsc-lite's client library opens one unix socket to pcscd per context, and every call of the
 * context (and of its card handles) waits on it; nothing in the PC/SC API ends such a wait. The new
 * descriptor that SCardEstablishContext leaves is that socket: shutting it down later makes a call
 * stuck on a mute card return (libuv can neither exit the process nor end its thread pool while
 * the call runs). undefined where this cannot work (no /proc, no glibc to call shutdown() in).
 */
export function pcscLiteContextSockets(koffi: Koffi): ContextSockets | undefined {
  if (!existsSync(FD_DIRECTORY)) return undefined;
  let shutdown: KoffiFunction;
  try {
    shutdown = koffi.load('libc.so.6').func('int shutdown(int, int)');
  } catch {
    return undefined;
  }
  return {
    establish: (establish) =>
      establishing.run(async () => {
        const before = new Set(openSockets().values());
        const value = await establish();
        let fresh = [...openSockets()].filter(([, target]) => !before.has(target));
        // The context's own socket stays; one that passed meanwhile (SCardCancel opens one for a
        // moment, and so may the rest of the process) is gone a moment later.
        for (let look = 0; fresh.length > 1 && look < SETTLE_LOOKS; look++) {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_LOOK_MS));
          fresh = fresh.filter(([fd, target]) => targetOf(fd) === target);
        }
        const only = fresh.length === 1 ? fresh[0] : undefined;
        return { value, link: only ? socketLink(shutdown, only[0], only[1]) : undefined };
      }),
  };
}

/** Descriptor number → `socket:[inode]` for every socket of the process (the listing's own descriptor is not one). */
function openSockets(): Map<string, string> {
  const sockets = new Map<string, string>();
  for (const fd of readdirSync(FD_DIRECTORY)) {
    const target = targetOf(fd);
    if (target?.startsWith('socket:')) sockets.set(fd, target);
  }
  return sockets;
}

function targetOf(fd: string): string | undefined {
  try {
    return readlinkSync(`${FD_DIRECTORY}/${fd}`);
  } catch {
    return undefined;
  }
}

function socketLink(shutdown: KoffiFunction, fd: string, target: string): ContextLink {
  let cut = false;
  return {
    cut: () => {
      // Once released, the descriptor number may belong to something else: the socket's inode tells.
      if (cut || targetOf(fd) !== target) return;
      cut = true;
      shutdown(Number(fd), SHUT_RDWR);
    },
  };
}
