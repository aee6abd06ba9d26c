/**
 * An SSH link to "another machine" inside the test namespace: Debian's sshd on loopback with a
 * throwaway host key, and `ssh -N -L local.sock:remote.sock` with a throwaway client key, exactly
 * the recipe of docs/remote-readers.md. Needs root (the namespace of run-in-namespace.sh) and the
 * openssh-server and openssh-client packages; a missing one is an error, never a skip.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';
const READY_TIMEOUT_MS = 15_000;
const POLL_MS = 20;
const OUTPUT_TAIL_CHARS = 4_000;

/** A running sshd and the forwards made through it. */
export interface SshLink {
  /** The local end of the forward: connect the 'pcscd' driver here. */
  readonly localSocket: string;
  /** Starts `ssh -N -L` (again, after dropLink); resolves once the local socket accepts. */
  forward(): Promise<void>;
  /** Kills the ssh client with SIGKILL, as a dropped network link ends it; its socket file stays. */
  dropLink(): Promise<void>;
  /** Stops ssh and sshd and removes the keys. */
  close(): Promise<void>;
  /** What sshd and ssh have printed lately, for failure messages. */
  output(): string;
}

interface Child {
  readonly process: ChildProcess;
  readonly exited: Promise<void>;
}

/** Starts sshd on a free loopback port, accepting only a fresh client key, forwarding to `remoteSocket`. */
export async function startSshLink(remoteSocket: string): Promise<SshLink> {
  for (const tool of [SSHD, 'ssh', 'ssh-keygen']) {
    if (tool.startsWith('/') ? !existsSync(tool) : !onPath(tool)) {
      throw new Error(`${tool} is missing: apt-get install openssh-server openssh-client (.ci/run does)`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ssh-link-'));
  let tail = '';
  const collect = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  const hostKey = join(dir, 'host_key');
  const clientKey = join(dir, 'client_key');
  for (const key of [hostKey, clientKey]) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'throwaway', '-f', key]);
  // The key may forward and nothing else (no shell, no TTY, no agent), as docs/remote-readers.md advises.
  writeFileSync(join(dir, 'authorized_keys'), `restrict,port-forwarding ${readFileSync(`${clientKey}.pub`, 'utf8')}`);
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PidFile none',
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'AllowStreamLocalForwarding local',
      'X11Forwarding no',
      '',
    ].join('\n'),
  );
  // sshd insists on its privilege separation directory (systemd makes it on Debian).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const sshd = start(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], collect);
  await waitFor(
    () => tail.includes('Server listening'),
    () => `sshd did not start:\n${tail}`,
    sshd,
  );

  const localSocket = join(dir, 'local.sock');
  let client: Child | undefined;
  const stopClient = async (): Promise<void> => {
    if (!client) return;
    client.process.kill('SIGKILL');
    await client.exited;
    client = undefined;
  };
  return {
    localSocket,
    async forward() {
      await stopClient();
      const args = [
        '-N',
        ...['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'],
        // A stale socket file left by a killed ssh is replaced; a forward that cannot be set up ends ssh.
        ...['-o', 'StreamLocalBindUnlink=yes', '-o', 'ExitOnForwardFailure=yes'],
        ...['-i', clientKey, '-p', String(port), '-L', `${localSocket}:${remoteSocket}`, 'root@127.0.0.1'],
      ];
      const started = start('ssh', args, collect);
      client = started;
      const before = socketIdentity(localSocket);
      await waitFor(
        () => socketIdentity(localSocket) !== undefined && socketIdentity(localSocket) !== before,
        () => `ssh -L did not make ${localSocket}:\n${tail}`,
        started,
      );
    },
    dropLink: stopClient,
    async close() {
      await stopClient();
      sshd.process.kill('SIGTERM');
      await sshd.exited;
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => tail,
  };
}

function start(command: string, args: readonly string[], collect: (chunk: Buffer) => void): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return { process: child, exited };
}

/** The socket file's inode and time, or undefined when there is none: a new forward makes a new one. */
function socketIdentity(path: string): string | undefined {
  try {
    const file = statSync(path);
    return file.isSocket() ? `${file.ino}:${file.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(ready: () => boolean, failure: () => string, child: Child): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (!ready()) {
    if (exited || Date.now() > deadline) {
      child.process.kill('SIGKILL');
      throw new Error(failure());
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function onPath(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
