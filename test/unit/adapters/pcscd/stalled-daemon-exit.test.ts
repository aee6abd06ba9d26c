/**
 * Against a daemon that breaks off a reply half-way, or sends one that breaks the protocol, an
 * application's Pcsc.open(), listReaders() and close() settle with typed errors (NoServiceError,
 * never the driver's own PcscdProtocolError) and the process ends by itself. The daemon is the fake
 * one, in this process; the application finds it through PCSCLITE_CSOCK_NAME.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Command } from '../../../../src/adapters/pcscd/wire-layout';
import { FakePcscd, type Override } from './fake-pcscd';

const ROOT = join(__dirname, '..', '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const FIXTURE = join(__dirname, 'fixtures', 'stalled-daemon-client.ts');
/** Generous: the calls settle within the 3 s stall bound; a process held by a socket never ends. */
const EXIT_LIMIT_MS = 40_000;

jest.setTimeout(EXIT_LIMIT_MS + 20_000);

/** Answers `command` with only its first `bytes` bytes, then nothing more (the socket stays open). */
function truncated(command: number, bytes: number): Override {
  return (client, request, daemon) => {
    if (request.command !== command) return false;
    const write = client.write.bind(client);
    client.write = (reply: Buffer) => write(reply.subarray(0, bytes));
    try {
      daemon.answer(client, request);
    } finally {
      client.write = write;
    }
    return true;
  };
}

/** A reader table whose first ATR is 40 bytes long (at most 33 exist). */
const malformedTable: Override = (client, request, daemon) => {
  if (request.command !== Command.GET_READERS_STATE) return false;
  const table = daemon.readerTable();
  table.writeUInt32LE(40, 176);
  client.write(table);
  return true;
};

/**
 * listReaders retries once on a fresh context while the service's recovery starts on that same
 * context; whichever gives up first releases it, so the other call finds its context released
 * (InvalidHandleError). Either way a typed error of the service, never PcscdProtocolError.
 */
const LISTED_THEN_CLOSED = /^listReaders (NoServiceError|InvalidHandleError)\nclose ok\n$/;

function runClient(step: string, socketPath: string): Promise<{ exited: boolean; code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [FIXTURE, step], { cwd: ROOT, env: { ...process.env, PCSCLITE_CSOCK_NAME: socketPath } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false, code: null, output });
    }, EXIT_LIMIT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code, output });
    });
  });
}

describe("an application on the 'pcscd' driver against a daemon that breaks off or garbles a reply", () => {
  let daemon: FakePcscd | undefined;
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
  });

  it.each([
    ['the version reply stops half-way', 'open', truncated(Command.VERSION, 5), /^open NoServiceError\n$/],
    ['the establish reply stops half-way', 'open', truncated(Command.ESTABLISH_CONTEXT, 8), /^open NoServiceError\n$/],
    ['the reader table stops half-way', 'list', truncated(Command.GET_READERS_STATE, 700), LISTED_THEN_CLOSED],
    ['the reader table is malformed', 'list', malformedTable, LISTED_THEN_CLOSED],
    ['the release reply stops half-way', 'close', truncated(Command.RELEASE_CONTEXT, 2), /^close ok\n$/],
  ])('%s: every call settles and the process ends by itself', async (_what, step, override, expected) => {
    daemon = await FakePcscd.start({ override });
    const run = await runClient(step, daemon.path);
    expect(run).toMatchObject({ exited: true, code: 0 });
    expect(run.output).toMatch(expected);
  });
});
