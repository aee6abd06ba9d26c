import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceSocket } from '../../../../src/adapters/pcscd/service-socket';

/**
 * A unix-socket server like pcscd (listen backlog of one) that takes no connection for its first
 * `busyMs`: its event loop is blocked, so the kernel's queue of waiting connections stays full.
 */
const BUSY_SERVER = `
const net = require('node:net');
const server = net.createServer((connection) => connection.on('error', () => {}));
server.listen({ path: process.argv[1], backlog: 1 }, () => {
  process.stdout.write('ready\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
});
`;

const CONNECTIONS = 12;
let directory = '';
let server: ChildProcess | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'busy-listener-'));
});

afterEach(() => {
  server?.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});

async function busyServer(path: string, busyMs: number): Promise<void> {
  const child = spawn(process.execPath, ['-e', BUSY_SERVER, path, String(busyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  server = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`busy server exited with ${code}`)));
  });
}

describe("the 'pcscd' driver's connection to pcscd's socket", () => {
  it(`waits while the listener's backlog is full: ${CONNECTIONS} connections opened at once all succeed`, async () => {
    const path = join(directory, 'pcscd.comm');
    await busyServer(path, 400);
    const opened = await Promise.allSettled(Array.from({ length: CONNECTIONS }, () => ServiceSocket.open(path)));
    const refused = opened.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    expect(refused).toEqual([]);
    for (const outcome of opened) if (outcome.status === 'fulfilled') outcome.value.close();
  });

  it('still answers a missing socket at once with SCARD_E_NO_SERVICE', async () => {
    await expect(ServiceSocket.open(join(directory, 'nothing-here'))).rejects.toMatchObject({ code: 0x8010001d });
  });
});
