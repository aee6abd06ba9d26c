import type { Socket } from 'node:net';

/** The requests the Windows suite may make, each with its arguments; resolves with an optional answer. */
export type Requests = Record<string, (args: readonly string[]) => Promise<string | void>>;

/**
 * Serves one connection of the Windows suite: each line is `ID NAME ARG...`; each answer is
 * `ID ok ANSWER` or `ID error MESSAGE`, one line, in the order the requests finish.
 */
export function handleRequests(socket: Socket, requests: Requests): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const [id = '', name = '', ...args] = pending.slice(0, newline).split(' ');
      pending = pending.slice(newline + 1);
      const handler = requests[name];
      const answer = handler ? handler(args) : Promise.reject(new Error(`unknown request ${name}`));
      // The suite may have gone (a failed run closes its socket) before a slow request ends.
      const reply = (line: string): void => {
        if (socket.writable) socket.write(line);
      };
      answer.then(
        (value) => reply(`${id} ok ${value ?? ''}\n`),
        (error: unknown) => reply(`${id} error ${String(error instanceof Error ? error.message : error).replace(/\n/g, ' ')}\n`),
      );
    }
  });
  socket.on('error', () => socket.destroy());
}
