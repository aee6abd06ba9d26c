import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { isCardProcessMessage, STOP } from './card-protocol';

const ENTRY = path.join(__dirname, 'card-process.ts');
const START_TIMEOUT_MS = 15_000;

export interface RemoteCard {
  readonly pid: number | undefined;
  /** Takes the card out of the slot and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the seed test applet in its own Node process, in vpcd slot `port` (one process may hold a
 * card in each of several slots), and waits until pcscd has powered them up.
 */
export function startRemoteCard(port: number | readonly number[]): Promise<RemoteCard> {
  const ports = typeof port === 'number' ? [port] : port;
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const child = fork(ENTRY, ports.map(String), { execArgv: ['--require', tsx], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const card: RemoteCard = {
    pid: child.pid,
    stop: async () => {
      if (child.connected) child.send(STOP);
      await exited;
    },
  };
  return new Promise<RemoteCard>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The card process ${reason}.`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`ended before it was ready (${signal ?? `exit code ${code}`})`));
    child.on('message', (message: unknown) => {
      if (settled || !isCardProcessMessage(message)) return;
      if ('failed' in message) {
        fail(`failed: ${message.failed}`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(card);
    });
  });
}
