import { DRIVER_NAMES } from '../../../src/compose/driver-bindings';
import { runCli } from './run-cli';

jest.setTimeout(30_000);

describe('resilient-pcsc usage and exit codes', () => {
  it('--help prints the usage with the exit codes and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: resilient-pcsc <command> [options]');
    expect(result.stdout).toContain('2  Usage error');
  });

  it('no command prints the usage and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Commands:');
  });

  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['bogus'], 'Unknown command "bogus"'],
    [['scan', '--bogus'], 'Unknown option "--bogus" for scan'],
    [['scan', '--simulate', 'extra'], 'scan takes no arguments'],
    [['scan', '--personality', 'linux'], '--personality only applies with --simulate'],
    [['scan', '--driver', 'nfc'], '--driver must be auto, pcscd, pcsclite, smartcard or winscard'],
    [['scan', '--simulate', '--personality', 'beos'], 'Unknown simulator personality "beos"'],
    [['scan', '--simulate', '--timeout', 'soon'], '--timeout takes a number of seconds'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('--help names every driver of the driver table', async () => {
    const result = await runCli(['--help']);
    const choices = ['auto (default)', ...DRIVER_NAMES];
    expect(result.stdout).toContain(`--driver NAME          ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`);
    expect(DRIVER_NAMES).toContain('pcscd');
  });

  it.each([
    [['scan', '--bogus'], 'resilient-pcsc: Unknown option "--bogus" for scan.'],
    [['send', '-x', '00 A4 04 00'], 'resilient-pcsc: Unknown option "-x" for send.'],
    [['doctor', '--once'], 'resilient-pcsc: Unknown option "--once" for doctor.'],
  ])('%j names the unknown option in one clean line', async (args, line) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([line, 'Run "resilient-pcsc --help" for usage.', '']);
  });

  it('usage errors are JSON with --json', async () => {
    const result = await runCli(['bogus', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { name: 'UsageError', message: expect.stringContaining('bogus') } });
  });

  it.each([
    ['scan', '--once', '--get-response'],
    ['send', '--get-response', '--once'],
    ['doctor', 'how to start it', '--get-response'],
  ])('%s --help prints its own usage and exits 0', async (command, own, other) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: resilient-pcsc ${command}`);
    expect(result.stdout).toContain(own);
    expect(result.stdout).not.toContain(other);
    expect(result.stdout).toContain('--simulate');
  });
});
