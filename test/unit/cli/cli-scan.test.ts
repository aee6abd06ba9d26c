import { runCli } from './run-cli';

jest.setTimeout(30_000);

describe('resilient-pcsc scan --simulate', () => {
  it('--once lists both simulated readers with the card and its parsed ATR', async () => {
    const result = await runCli(['scan', '--once', '--simulate']);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual(
      expect.arrayContaining([
        'Reader 0: Gemalto PC Twin Reader 00 00',
        '  Card state: Card inserted',
        '  ATR: 3B 80 80 01 01 01',
        '    TS = 3B: direct convention',
        'Reader 1: Simulated Empty Reader 01 00',
        '  Card state: Card removed',
      ]),
    );
  });

  it('--once --json is one JSON document', async () => {
    const result = await runCli(['scan', '--once', '--simulate', '--json', '--brief']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      readers: [
        { name: 'Gemalto PC Twin Reader 00 00', state: 'present', atr: '3B 80 80 01 01 01' },
        { name: 'Simulated Empty Reader 01 00', state: 'empty' },
      ],
    });
  });

  it('the darwin-15 personality lists reader names without slot numbers', async () => {
    const result = await runCli(['scan', '--once', '--simulate', '--personality', 'darwin-15', '--brief']);
    expect(result.code).toBe(0);
    expect(result.lines).toContain('Reader 0: Gemalto PC Twin Reader');
  });

  it('without --once it follows events until --timeout, then exits 0', async () => {
    const started = Date.now();
    const result = await runCli(['scan', '--simulate', '--json', '--brief', '--timeout', '0.5']);
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    const first = JSON.parse(result.lines[0] ?? '{}') as { event?: string; readers?: unknown[] };
    expect(first.event).toBe('snapshot');
    expect(first.readers).toHaveLength(2);
  });
});
