import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtrError } from '../../../src/atr/atr-error';
import { clearAtrListCache, DEFAULT_ATR_LIST_PATH, lookupAtr } from '../../../src/atr/lookup-atr';

const withInstalledList = it;

describe('lookupAtr against the installed pcsc-tools list', () => {
  it('finds the pcsc-tools list (Debian package pcsc-tools; .ci/run installs it)', () => {
    expect(existsSync(DEFAULT_ATR_LIST_PATH)).toBe(true);
  });

  withInstalledList('identifies a MIFARE Classic 1K from its PC/SC part 3 ATR', async () => {
    const matches = await lookupAtr('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A');
    const descriptions = matches.flatMap((match) => match.descriptions);
    expect(descriptions).toContain('MIFARE Classic 1K (as per PCSC std part3)');
    expect(descriptions).toContain('RFID - ISO 14443 Type A Part 3 (as per PCSC std part3)');
    expect(matches.map((match) => match.pattern)).toContain('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A');
  });

  withInstalledList('identifies 3B 80 80 01 01 as ISO 14443 type B without historical bytes', async () => {
    const matches = await lookupAtr('3B 80 80 01 01');
    expect(matches[0]?.pattern).toBe('3B 80 80 01 01');
    expect(matches[0]?.descriptions).toContain('ISO 14443 Type B without historical bytes');
  });

  withInstalledList('identifies T=0 cards, from bytes or lower-case hex', async () => {
    const multiflex = await lookupAtr(Uint8Array.of(0x3b, 0x02, 0x14, 0x50));
    expect(multiflex.flatMap((match) => match.descriptions)).toContain('Schlumberger Multiflex 3k');
    const sesam = await lookupAtr('3f6525002c09699000');
    expect(sesam.flatMap((match) => match.descriptions).join('\n')).toMatch(/Sesam Vitale/);
  });

  withInstalledList('returns [] for an ATR no entry matches', async () => {
    await expect(lookupAtr('3B 80 80 01 01 01')).resolves.toEqual([]);
  });
});

describe('lookupAtr with a given list', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atr-list-'));
    clearAtrListCache();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearAtrListCache();
  });

  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('returns every matching entry in file order', async () => {
    const listPath = write(
      'list.txt',
      '3B 02 .. ..\n\tAny two historical bytes\n\n3B 02 14 50\n\tExactly this card\n\tSecond line\n\n3B 03 .. .. ..\n\tOther\n',
    );
    await expect(lookupAtr('3B 02 14 50', { listPath })).resolves.toEqual([
      { pattern: '3B 02 .. ..', descriptions: ['Any two historical bytes'] },
      { pattern: '3B 02 14 50', descriptions: ['Exactly this card', 'Second line'] },
    ]);
  });

  it('returns [] when the list file is missing, and finds it once it appears', async () => {
    const listPath = join(dir, 'later.txt');
    await expect(lookupAtr('3B 02 14 50', { listPath })).resolves.toEqual([]);
    await expect(lookupAtr('3B 02 14 50', { listPath: join(dir, 'no-dir', 'x.txt') })).resolves.toEqual([]);
    writeFileSync(listPath, '3B 02 14 50\n\tNow installed\n');
    expect((await lookupAtr('3B 02 14 50', { listPath }))[0]?.descriptions).toEqual(['Now installed']);
  });

  it('reads each list once until the cache is cleared', async () => {
    const listPath = write('list.txt', '3B 02 14 50\n\tOld name\n');
    expect((await lookupAtr('3B 02 14 50', { listPath }))[0]?.descriptions).toEqual(['Old name']);
    writeFileSync(listPath, '3B 02 14 50\n\tNew name\n');
    expect((await lookupAtr('3B 02 14 50', { listPath }))[0]?.descriptions).toEqual(['Old name']);
    clearAtrListCache();
    expect((await lookupAtr('3B 02 14 50', { listPath }))[0]?.descriptions).toEqual(['New name']);
  });

  it('shares one read between concurrent lookups', async () => {
    const listPath = write('list.txt', '3B 02 14 50\n\tCard\n');
    const results = await Promise.all([lookupAtr('3B 02 14 50', { listPath }), lookupAtr('3B021450', { listPath })]);
    expect(results[0]).toEqual(results[1]);
  });

  it('fails for a list path that cannot be read as a file', async () => {
    await expect(lookupAtr('3B 02 14 50', { listPath: dir })).rejects.toThrow(/EISDIR/);
  });

  it('rejects an ATR that is not valid hex', async () => {
    await expect(lookupAtr('3B 0', { listPath: join(dir, 'none.txt') })).rejects.toThrow(AtrError);
  });
});
