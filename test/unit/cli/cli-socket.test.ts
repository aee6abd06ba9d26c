import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

jest.setTimeout(30_000);

describe('resilient-pcsc --socket PATH', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-socket-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is listed in --help', async () => {
    expect((await runCli(['--help'])).stdout).toContain('--socket PATH');
  });

  it.each([
    [['scan', '--once', '--socket', ''], '--socket: Expected `socket` to be'],
    [['scan', '--once', '--socket', `/tmp/${'x'.repeat(120)}`], 'the size of a unix socket address'],
    [['scan', '--once', '--socket', '/tmp/p.comm', '--driver', 'winscard'], "--socket is pcscd's socket and needs --driver pcscd"],
    [['scan', '--once', '--socket', '/tmp/p.comm', '--simulate'], '--socket and --simulate exclude each other'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('a socket nobody serves: scan --once fails as the service being unreachable (exit 1), naming no other socket', async () => {
    const socket = join(dir, 'nobody.comm');
    const result = await runCli(['scan', '--once', '--socket', socket], undefined, { PCSCLITE_CSOCK_NAME: join(dir, 'other.comm') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SCARD_E_NO_SERVICE|not available/i);
  });

  it('doctor reports the given socket', async () => {
    const socket = join(dir, 'nobody.comm');
    const result = await runCli(['doctor', '--json', '--socket', socket]);
    const report = JSON.parse(result.stdout) as { driverSelection: { requested: string }; driver?: { pcscd?: { socketPath: string } } };
    expect(report.driverSelection.requested).toBe('pcscd');
    expect(report.driver?.pcscd?.socketPath).toBe(socket);
  });
});
