import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { COMMAND, SELECT as SEED_SELECT } from '../../fixtures/seed';

jest.setTimeout(30_000);

/** The seed's SELECT written without spaces, as a shell user may type it. */
const SELECT = SEED_SELECT.replace(/ /g, '');

describe('resilient-pcsc send --simulate', () => {
  it('sends APDUs given as arguments and prints "> command" / "< response : meaning"', async () => {
    const result = await runCli(['send', '--simulate', SELECT, COMMAND, 'reset', COMMAND]);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      'Reader: Gemalto PC Twin Reader 00 00',
      'Protocol: T=1',
      `> ${SEED_SELECT}`,
      '< 90 00 : Success',
      `> ${COMMAND}`,
      '< 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00 : Success',
      '> RESET',
      '< OK: 3B 80 80 01 01 01',
      `> ${COMMAND}`,
      '< 69 85 : Conditions of use not satisfied',
    ]);
  });

  it('reads a scriptor-style file: comments, reset, line continuation and exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilient-pcsc-send-'));
    const file = join(dir, 'script.apdu');
    writeFileSync(
      file,
      [
        '# select the test applet',
        '00 A4 04 00 06 \\',
        '  A0 00 00 00 18 FF',
        '',
        '80340000 0E  # inline comment',
        'RESET',
        COMMAND,
        'exit',
        'FF FF FF FF',
      ].join('\n'),
    );
    const result = await runCli(['send', '--simulate', '--json', '-f', file]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; protocol: string; exchanges: Array<Record<string, unknown>> };
    expect(report.ok).toBe(true);
    expect(report.protocol).toBe('T1');
    expect(report.exchanges).toEqual([
      { command: SEED_SELECT, response: '90 00', data: '', sw: '9000', meaning: 'Success' },
      {
        command: '80 34 00 00 0E',
        response: '00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00',
        data: '00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D',
        sw: '9000',
        meaning: 'Success',
      },
      { reset: true, atr: '3B 80 80 01 01 01' },
      { command: COMMAND, response: '69 85', data: '', sw: '6985', meaning: 'Conditions of use not satisfied' },
    ]);
  });

  it('reads the script from stdin when no APDU is given', async () => {
    const result = await runCli(['send', '--simulate'], `${SELECT}\n${COMMAND}\n`);
    expect(result.code).toBe(0);
    expect(result.lines.filter((line) => line.startsWith('<'))).toEqual(['< 90 00 : Success', '< 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00 : Success']);
  });

  it('works the same on the El Capitan personality', async () => {
    const result = await runCli(['send', '--simulate', '--personality', 'darwin-15', SELECT, COMMAND]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe('Reader: Gemalto PC Twin Reader');
    expect(result.lines).toContain('< 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00 : Success');
  });

  it('--protocol T=0 makes the dual-protocol card use T=0', async () => {
    const result = await runCli(['send', '--simulate', '-p', 'T=0', SELECT]);
    expect(result.code).toBe(0);
    expect(result.lines[1]).toBe('Protocol: T=0');
  });

  it.each([
    [['send', '--simulate', '00A4'], 'argument 1: Expected `command` to have at least 4 bytes'],
    [['send', '--simulate', '00 A4 04 0G'], 'argument 1: Expected `hex` to hold only hex digits'],
    [['send', '--simulate', '-f', '/nonexistent/script'], 'Cannot read /nonexistent/script'],
    [['send', '--simulate', '-p', 'T=2', SELECT], '--protocol must be T=0 or T=1'],
    [['send', '--simulate', '-r', 'R'.repeat(129), SELECT], 'Expected `--reader` to be a reader name of at most 128 UTF-8 bytes, got 129 bytes.'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('an unknown reader or an empty one exits 3', async () => {
    const unknown = await runCli(['send', '--simulate', '-r', 'Nope', SELECT]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('No reader named "Nope"');
    const empty = await runCli(['send', '--simulate', '--json', '-r', '1', SELECT]);
    expect(empty.code).toBe(3);
    expect(JSON.parse(empty.stdout)).toMatchObject({ ok: false, error: { codeName: 'SCARD_E_NO_SMARTCARD' } });
  });
});
