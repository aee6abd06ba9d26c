/**
 * The Linux side of the Windows suite: runs inside the test namespace (run-in-namespace.sh), starts
 * the real pcscd with a card in each vpcd slot, answers the Windows suite's requests (take a card
 * out, kill or start pcscd, a PySCard process's transaction) over a loopback socket, and runs the
 * suite with the Windows node.exe under Wine. Writes the suite's counts to .test-results/wine.json.
 *
 * Usage: tsx test/wine/orchestrate.ts CONSUMER_DIR (the packed package installed there, the suite beside it)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualCard, type VpcdAttachment, seedTestApplet } from '../../src/testing';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { vpcdReaderName } from '../harness/with-harness';
import { RunningScript } from '../parity/run-script';
import { handleRequests, type Requests } from './control-server';

const SLOT_PORTS = [35963, 35964] as const;
/** The second slot's card offers only T=1, so each protocol gets a card that negotiates it. */
const T1_ONLY_ATR = '3B 81 80 01 80 80';
const SUITE_TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<number> {
  const consumer = process.argv[2];
  if (!consumer) throw new Error('usage: orchestrate.ts CONSUMER_DIR');
  const started = Date.now();
  await startPcscd();
  const cards = [seedTestApplet(), t1OnlyCard()];
  const attachments: Array<VpcdAttachment | undefined> = [];
  const insert = async (slot: number): Promise<void> => {
    await attachments[slot]?.remove();
    const attachment = await cards[slot]!.attachToVpcd({ port: SLOT_PORTS[slot]! });
    attachments[slot] = attachment;
    await attachment.whenActivated();
  };
  const remove = async (slot: number): Promise<void> => {
    await attachments[slot]?.remove();
    attachments[slot] = undefined;
  };
  for (const slot of [0, 1]) await insert(slot);

  let python: RunningScript | undefined;
  const requests: Requests = {
    'card-atr': async ([slot]) => Buffer.from(cards[Number(slot)]!.atr).toString('hex'),
    'remove-card': async ([slot]) => remove(Number(slot)),
    'insert-card': async ([slot]) => insert(Number(slot)),
    'kill-pcscd': async () => {
      await stopPcscd('SIGKILL');
      for (const slot of [0, 1]) await remove(slot);
    },
    'start-pcscd': async () => {
      await startPcscd();
      for (const slot of [0, 1]) await insert(slot);
    },
    // A Linux PySCard process on the same pcscd: `hold` begins a transaction and keeps it until
    // python-end; `take` waits for one. Each resolves once the script printed the line named.
    'python-start': async ([mode, slot, line]) => {
      python?.kill();
      python = new RunningScript('python', 'transaction', [String(mode), vpcdReaderName(SLOT_PORTS[Number(slot)]!)]);
      await python.waitForLine(String(line));
    },
    // 'yes' once the script printed LINE, 'no' when it did not within MS milliseconds.
    'python-printed': async ([line, ms]) =>
      python!.waitForLine(String(line), Number(ms)).then(
        () => 'yes',
        () => 'no',
      ),
    'python-end': async () => {
      python?.sendLine();
      const result = await python!.finished();
      return `${result.code}:${result.lines.join(',')}`;
    },
  };
  const server = createServer((socket: Socket) => handleRequests(socket, requests));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const setupSeconds = (Date.now() - started) / 1000;
  const code = await runSuite(consumer, port);
  server.close();
  python?.kill();
  for (const slot of [0, 1]) await remove(slot);
  await stopPcscd('SIGTERM');
  console.log(`wine: pcscd and cards ready in ${setupSeconds.toFixed(1)} s; the whole Windows run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

function t1OnlyCard(): VirtualCard {
  return new VirtualCard({ atr: T1_ONLY_ATR, respond: (apdu) => (apdu[1] === 0xa4 ? [0x90, 0x00] : [0x6d, 0x00]) });
}

/** node.exe under Wine gets files for stdout and stderr (libuv under Wine 8 fails on pipes). */
async function runSuite(consumer: string, controlPort: number): Promise<number> {
  const env = wineEnvironment();
  const outputDir = mkdtempSync(join(tmpdir(), 'wine-suite-'));
  const stdoutFile = join(outputDir, 'stdout.txt');
  const stderrFile = join(outputDir, 'stderr.txt');
  const { openSync, closeSync } = await import('node:fs');
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  // RESILIENT_PCSC_WINE_SUITE=linux runs the same suite with this Linux node instead, for comparison.
  const linux = process.env.RESILIENT_PCSC_WINE_SUITE === 'linux';
  const [command, ...args] = linux ? [process.execPath] : [env.WINELOADER!, env.WINE_NODE_EXE!];
  const child = spawn(command, [...args, join(consumer, 'windows-suite.cjs')], {
    cwd: consumer,
    env: { ...env, WINE_SUITE_CONTROL_PORT: String(controlPort) },
    stdio: ['ignore', out, err],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_TIMEOUT_MS);
  const exitCode = await new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  clearTimeout(timer);
  closeSync(out);
  closeSync(err);
  const stdout = readFileSync(stdoutFile, 'utf8');
  const stderr = readFileSync(stderrFile, 'utf8');
  process.stdout.write(stdout);
  if (stderr.trim()) process.stderr.write(`--- node.exe stderr ---\n${stderr}`);
  const closing = /^wine: (\d+) passed, (\d+) failed$/m.exec(stdout);
  const passed = closing ? Number(closing[1]) : 0;
  const failed = closing ? Number(closing[2]) : 1;
  mkdirSync('.test-results', { recursive: true });
  writeFileSync('.test-results/wine.json', JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
  if (!closing) console.log(`wine: the suite ended (exit ${exitCode}) without its closing line`);
  return exitCode === 0 && closing && failed === 0 && passed > 0 ? 0 : 1;
}

function wineEnvironment(): NodeJS.ProcessEnv {
  const setup = Object.fromEntries(
    readFileSync(join(__dirname, '..', '..', 'node_modules', '.cache', 'wine', 'env'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;
  return {
    ...process.env,
    WINEPREFIX: setup.WINE_PREFIX_TEMPLATE,
    WINEDEBUG: '-all',
    WINELOADER: join(setup.WINE_ROOT!, 'wine64'),
    WINESERVER: join(setup.WINE_ROOT!, 'wineserver64'),
    WINE_NODE_EXE: setup.WINE_NODE_EXE,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('wine: the Linux side failed:', error);
    process.exit(1);
  },
);
