import { parseSmartcardList } from '../../../src/atr/smartcard-list';

const SAMPLE = [
  '#',
  '# comment lines and blank lines are skipped',
  '',
  '3B 02 14 50',
  '\tFirst card',
  '\tsecond description line  ',
  '',
  '3B 8F 80 01 80 4F 0C A0 00 00 03 06 .. 00 01 00 00 00 00 ..',
  '\tWildcard card',
  '3B 65 00 00 9C 1[01] 01 01 03\r',
  '\tClass card\r',
  '',
  '3B EF 00 FF 81 31 42 45 .* 38',
  '\tDot-star card',
  '3B ((',
  '\tBroken pattern',
  '3B 00',
].join('\n');

describe('parseSmartcardList', () => {
  const entries = parseSmartcardList(SAMPLE);

  it('pairs each pattern with its tab-indented descriptions', () => {
    expect(entries.map(({ pattern, descriptions }) => ({ pattern, descriptions }))).toEqual([
      { pattern: '3B 02 14 50', descriptions: ['First card', 'second description line'] },
      { pattern: '3B 8F 80 01 80 4F 0C A0 00 00 03 06 .. 00 01 00 00 00 00 ..', descriptions: ['Wildcard card'] },
      { pattern: '3B 65 00 00 9C 1[01] 01 01 03', descriptions: ['Class card'] },
      { pattern: '3B EF 00 FF 81 31 42 45 .* 38', descriptions: ['Dot-star card'] },
      { pattern: '3B ((', descriptions: ['Broken pattern'] },
      { pattern: '3B 00', descriptions: [] },
    ]);
  });

  it('compiles anchored, case-insensitive patterns', () => {
    const [exact, wildcard, charClass, dotStar] = entries;
    expect(exact?.regex?.test('3B 02 14 50')).toBe(true);
    expect(exact?.regex?.test('3b 02 14 50')).toBe(true);
    expect(exact?.regex?.test('3B 02 14 50 00')).toBe(false);
    expect(exact?.regex?.test('00 3B 02 14 50')).toBe(false);
    expect(wildcard?.regex?.test('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A')).toBe(true);
    expect(charClass?.regex?.test('3B 65 00 00 9C 11 01 01 03')).toBe(true);
    expect(charClass?.regex?.test('3B 65 00 00 9C 12 01 01 03')).toBe(false);
    expect(dotStar?.regex?.test('3B EF 00 FF 81 31 42 45 01 02 03 38')).toBe(true);
  });

  it('keeps an invalid pattern without a regex instead of failing', () => {
    expect(entries[4]?.regex).toBeUndefined();
  });
});
