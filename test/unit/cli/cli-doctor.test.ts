import { runCli } from './run-cli';

jest.setTimeout(30_000);

describe('resilient-pcsc doctor --simulate', () => {
  it('reports platform, quirks, bindings, driver, service and readers', async () => {
    const result = await runCli(['doctor', '--simulate']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^Platform: linux 6\.1\.0, Node v\d+.*, simulated$/);
    expect(result.lines).toEqual(
      expect.arrayContaining([
        'Quirk workarounds (auto): none active',
        '  [off] protoMismatchIsSharingViolation',
        'Bindings:',
        'PC/SC service: reachable',
        'Readers: 2',
        '  Gemalto PC Twin Reader 00 00: present, ATR 3B 80 80 01 01 01',
        '  Simulated Empty Reader 01 00: empty',
        'Known-bad readers: none',
        'Result: OK',
      ]),
    );
    expect(result.lines.some((line) => line.startsWith('Driver: simulated; capabilities missing: '))).toBe(true);
    // koffi is what the 'winscard' driver loads; it is listed with the two npm bindings.
    expect(result.lines.some((line) => /^ {2}koffi: loaded \(\d+\.\d+\.\d+\)$/.test(line))).toBe(true);
    expect(result.lines.some((line) => line.includes('Driver choice'))).toBe(false);
    expect(result.lines).toContain('Missed-reset guard signal: status (high confidence: SCardStatus reports a reset by another application)');
  });

  it('on the El Capitan personality it lists each active workaround and the bug it handles', async () => {
    const result = await runCli(['doctor', '--simulate', '--personality', 'darwin-15', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      platform: { os: string; darwinMajor: number };
      quirks: { workarounds: Array<{ id: string; enabled: boolean; reason?: string }> };
      driver: { missing: string[] };
    };
    expect(report.ok).toBe(true);
    expect(report.platform).toMatchObject({ os: 'darwin', darwinMajor: 15 });
    expect(report.quirks.workarounds.filter((w) => w.enabled).map((w) => w.id)).toEqual([
      'protoMismatchIsSharingViolation',
      'missedResetGuard',
      'forkGuard',
      'knownBadReaderDiagnostics',
      'removedCardRemap',
      'unpoweredCardIsReset',
      'reinsertionGuard',
    ]);
    expect(report.quirks.workarounds[0]?.reason).toContain('connect-proto-mismatch-for-sharing-violation');
    expect(report.driver.missing).toEqual(expect.arrayContaining(['pnpNotification', 'eventCounter']));
  });

  it('--quirks none turns every workaround off', async () => {
    const result = await runCli(['doctor', '--simulate', '--personality', 'darwin-15', '--quirks', 'none']);
    expect(result.code).toBe(0);
    expect(result.lines).toContain('Quirk workarounds (option): none active');
  });
});
