import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { VPCD_DEFAULT_PORT } from '../../src/testing';
import { type LoggedCardEvents, PcscdCardLog } from './pcscd-card-log';

/** pcsc-lite 1.9.9 always serves this socket (the private tmpfs of run-in-namespace.sh in the fast path). */
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const PCSCD_PID_FILE = '/run/pcscd/pcscd.pid';
const DEFAULT_START_TIMEOUT_MS = 10_000;
const DEFAULT_STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 10;
const OUTPUT_TAIL_CHARS = 8_000;

export type PcscdSignal = 'SIGTERM' | 'SIGKILL';

export interface PcscdOptions {
  /** How long to wait for the socket and the vpcd port. Default 10 s. */
  readonly timeoutMs?: number;
  /** Run with `--debug` and copy the log to stderr. Default: env RESILIENT_PCSC_PCSCD_DEBUG=1. */
  readonly debug?: boolean;
  /** vpcd port whose listening socket marks the driver as loaded. Default 35963. */
  readonly vpcdPort?: number;
  /**
   * 'vpcd' (default): the system's reader configuration, which declares the two vpcd slots.
   * 'none': an empty configuration directory, so pcscd serves no reader at all.
   * `{ config }`: that reader configuration directory instead of the system's.
   */
  readonly readers?: 'vpcd' | 'none' | { readonly config: string };
  /**
   * Where a pcscd built with USB support looks for USB reader drivers (PCSCLITE_HP_DROPDIR).
   * An empty directory keeps it from polling the USB bus, so SIGUSR1 rechecks the serial readers.
   */
  readonly usbDriverDir?: string;
  /** The pcscd binary (e.g. one built by build-pcsc-lite.sh). Default: RESILIENT_PCSC_PCSCD, else PATH. */
  readonly pcscdPath?: string;
  /** Run with `--info` (or `--debug`) and count the card insertions and removals pcscd logs: see loggedCardEvents(). */
  readonly logCardEvents?: boolean;
}

export interface RunningPcscd {
  readonly pid: number;
  /** pcscd's recent log lines (stdout and stderr), for failure messages. */
  output(): string;
  /** Per reader, the card insertions and removals pcscd logged (started with `logCardEvents`, else throws). */
  loggedCardEvents(): ReadonlyMap<string, LoggedCardEvents>;
}

interface Daemon extends RunningPcscd {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  hasExited(): boolean;
}

let current: Daemon | undefined;

/** Starts pcscd in the foreground and resolves once clients and virtual cards can reach it; throws otherwise. */
export async function startPcscd(options: PcscdOptions = {}): Promise<RunningPcscd> {
  if (current && !current.hasExited()) return current;
  evictLeftoverDaemon();
  const debug = options.debug ?? process.env.RESILIENT_PCSC_PCSCD_DEBUG === '1';
  const readers = options.readers ?? 'vpcd';
  const daemon = launch({ debug, readers, binary: options.pcscdPath, usbDriverDir: options.usbDriverDir, logCardEvents: options.logCardEvents ?? false });
  current = daemon;
  // Plain node scripts (not jest) do get this.
  process.on('exit', killOnExit);
  try {
    const vpcdPort = readers === 'vpcd' ? (options.vpcdPort ?? VPCD_DEFAULT_PORT) : undefined;
    await waitUntilReady(daemon, options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS, vpcdPort);
  } catch (error) {
    await stopPcscd('SIGKILL');
    throw error;
  }
  return daemon;
}

/** Stops the pcscd started here (no-op when none runs) and waits for it to exit. */
export async function stopPcscd(signal: PcscdSignal = 'SIGTERM', timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
  const daemon = current;
  if (!daemon) return;
  if (!daemon.hasExited()) {
    daemon.child.kill(signal);
    if (!(await exitsWithin(daemon, timeoutMs))) {
      daemon.child.kill('SIGKILL');
      if (!(await exitsWithin(daemon, timeoutMs))) {
        throw new Error(`pcscd (pid ${daemon.pid}) survived SIGKILL for ${timeoutMs} ms`);
      }
    }
  }
  removeStaleFiles();
  if (current === daemon) current = undefined;
  process.off('exit', killOnExit);
}

/** Stops pcscd with `signal` and starts a fresh one (its vpcd has no card until one connects again). */
export async function restartPcscd(signal: PcscdSignal = 'SIGTERM', options: PcscdOptions = {}): Promise<RunningPcscd> {
  await stopPcscd(signal);
  return startPcscd(options);
}

/** What the pcscd started here has logged lately (empty when none runs). */
export function pcscdOutput(): string {
  return current?.output() ?? '';
}

export function isPcscdRunning(): boolean {
  return current !== undefined && !current.hasExited();
}

/** The process id of the pcscd started here (throws when none runs). */
export function runningPid(): number {
  if (!current || current.hasExited()) throw new Error('No pcscd started by this harness is running.');
  return current.pid;
}

/** Stops pcscd with SIGSTOP: it keeps its sockets but answers nothing until thawPcscd(). */
export function freezePcscd(): void {
  process.kill(runningPid(), 'SIGSTOP');
}

/** Lets a frozen pcscd run again (SIGCONT). */
export function thawPcscd(): void {
  process.kill(runningPid(), 'SIGCONT');
}

/**
 * How many file descriptors pcscd holds. Each client context is one socket (and one thread), so the
 * difference between two readings is the number of client connections opened or closed in between.
 */
export function pcscdOpenFiles(): number {
  return readdirSync(`/proc/${runningPid()}/fd`).length;
}

interface LaunchOptions {
  readonly debug: boolean;
  readonly readers: NonNullable<PcscdOptions['readers']>;
  readonly binary: string | undefined;
  readonly usbDriverDir: string | undefined;
  readonly logCardEvents: boolean;
}

function launch({ debug, readers, binary, usbDriverDir, logCardEvents }: LaunchOptions): Daemon {
  const pcscd = binary ?? pcscdPath();
  const args = ['--foreground'];
  if (debug) args.push('--debug');
  else if (logCardEvents) args.push('--info');
  if (readers === 'none') args.push('--config', emptyConfigDir());
  else if (typeof readers === 'object') args.push('--config', readers.config);
  const env = usbDriverDir === undefined ? process.env : { ...process.env, PCSCLITE_HP_DROPDIR: usbDriverDir };
  // jest hands test code a copy of `process` whose 'exit' listeners never fire, so the kernel
  // has to reap a forgotten daemon: setpriv execs pcscd with SIGKILL as its parent-death signal.
  const setpriv = findExecutable('setpriv');
  const child = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'KILL', pcscd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env })
    : spawn(pcscd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let tail = '';
  let exitedFlag = false;
  const cardLog = logCardEvents ? new PcscdCardLog() : undefined;
  const collect = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    if (debug) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  // In the foreground pcscd logs to stdout only.
  if (cardLog) child.stdout?.on('data', (chunk: Buffer) => cardLog.push(chunk.toString('utf8')));
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    const finish = (): void => {
      exitedFlag = true;
      resolve();
    };
    child.once('exit', finish);
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      finish();
    });
  });
  // A test file that forgets stopPcscd must not keep jest alive; killOnExit still reaps the daemon.
  child.unref();
  unrefStream(child.stdout);
  unrefStream(child.stderr);
  return {
    child,
    exited,
    pid: child.pid ?? -1,
    output: () => tail,
    loggedCardEvents: () => {
      if (!cardLog) throw new Error('pcscd was started without logCardEvents: its card events were not counted.');
      return cardLog.snapshot();
    },
    hasExited: () => exitedFlag,
  };
}

/** A reader configuration directory with nothing in it (made once per process). */
let emptyConfig: string | undefined;
function emptyConfigDir(): string {
  emptyConfig ??= mkdtempSync(join(tmpdir(), 'pcscd-no-readers-'));
  return emptyConfig;
}

/** Ready: the socket exists and, when `vpcdPort` is given, vpcd listens on it. */
async function waitUntilReady(daemon: Daemon, timeoutMs: number, vpcdPort: number | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (daemon.hasExited()) {
      throw new Error(`pcscd exited during start-up.${describeOutput(daemon)}`);
    }
    if (existsSync(PCSCD_SOCKET) && (vpcdPort === undefined || isTcpPortListening(vpcdPort))) return;
    if (Date.now() > deadline) {
      const missing = existsSync(PCSCD_SOCKET) ? `vpcd is not listening on port ${vpcdPort}` : `${PCSCD_SOCKET} was not created`;
      throw new Error(`pcscd did not become ready within ${timeoutMs} ms: ${missing}.${describeOutput(daemon)}`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * Reads the kernel's socket table instead of connecting: vpcd takes any TCP client on its
 * port for a card, so a probe connection would show up as a phantom insertion.
 */
function isTcpPortListening(port: number): boolean {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const listen = '0A';
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (local?.endsWith(`:${portHex}`) && fields[3] === listen) return true;
    }
  }
  return false;
}

/**
 * Inside the private namespace any pcscd is ours (a test file that never stopped it), so it
 * goes. On the host it may be the system's, which we must not touch.
 */
function evictLeftoverDaemon(): void {
  const pid = readPidFile();
  if (pid === undefined || !isAlive(pid)) {
    removeStaleFiles();
    return;
  }
  if (process.env.RESILIENT_PCSC_HARNESS !== 'namespace') {
    throw new Error(
      `Another pcscd (pid ${pid}) already serves ${PCSCD_SOCKET}. Stop it first ` +
        '(e.g. `systemctl stop pcscd.socket pcscd`), or run the tests through test/harness/run-in-namespace.sh.',
    );
  }
  process.kill(pid, 'SIGKILL');
  removeStaleFiles();
}

function killOnExit(): void {
  if (current && !current.hasExited()) {
    current.child.kill('SIGKILL');
    removeStaleFiles();
  }
}

function removeStaleFiles(): void {
  for (const file of [PCSCD_SOCKET, PCSCD_PID_FILE]) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

function readPidFile(): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(PCSCD_PID_FILE, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A zombie (killed, not yet reaped) still answers kill(pid, 0) but serves nothing. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function pcscdPath(): string {
  const found = process.env.RESILIENT_PCSC_PCSCD || findExecutable('pcscd');
  if (found) return found;
  throw new Error('pcscd not found (PATH, /usr/sbin). On Debian/Ubuntu: apt-get install pcscd vsmartcard-vpcd libpcsclite-dev');
}

function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function describeOutput(daemon: Daemon): string {
  const text = daemon.output().trim();
  return text ? `\npcscd output:\n${text}` : ' pcscd printed nothing (set RESILIENT_PCSC_PCSCD_DEBUG=1 for its debug log).';
}

function unrefStream(stream: NodeJS.ReadableStream | null): void {
  const socket = stream as unknown as { unref?: () => void } | null;
  socket?.unref?.();
}

function exitsWithin(daemon: Daemon, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([daemon.exited.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
