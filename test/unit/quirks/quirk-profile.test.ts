import { resolveQuirkProfile, QUIRKS, quirksFor } from '../../../src/quirks';

const elCapitan = { os: 'darwin', release: '15.6.0' } as const;
const sierra = { os: 'darwin', release: '16.7.0' } as const;
const highSierra = { os: 'darwin', release: '17.0.0' } as const;
const linux = { os: 'linux', release: '6.1.0' } as const;

describe('quirk registry', () => {
  it('holds the seed\'s four El Capitan bugs with sources', () => {
    expect(QUIRKS.map((q) => q.id).sort()).toEqual(
      ['connect-proto-mismatch-for-sharing-violation', 'ct700-breaks-pcsc', 'no-pcsc-after-fork', 'transmit-misses-reset'].sort(),
    );
    for (const quirk of QUIRKS) {
      expect(quirk.source.title).toMatch(/El Capitan/);
      expect(quirk.source.date).toMatch(/^2015-11-\d\d$/);
    }
  });

  it('follows the fix dates: proto mismatch and CT700 fixed in 16, missed reset in 17', () => {
    expect(quirksFor('darwin', 15).map((q) => q.id)).toHaveLength(4);
    expect(quirksFor('darwin', 16).map((q) => q.id).sort()).toEqual(['no-pcsc-after-fork', 'transmit-misses-reset']);
    expect(quirksFor('darwin', 17).map((q) => q.id)).toEqual(['no-pcsc-after-fork']);
    expect(quirksFor('darwin', 14)).toEqual([]);
    expect(quirksFor('linux', undefined)).toEqual([]);
  });
});

describe('quirk profile', () => {
  it('auto turns on the workarounds for El Capitan and none on Linux', () => {
    const mac = resolveQuirkProfile('auto', elCapitan, undefined);
    expect(mac.darwinMajor).toBe(15);
    expect(Object.values(mac.enabled).every(Boolean)).toBe(true);
    expect(mac.reasons.missedResetGuard).toContain('transmit-misses-reset');
    const penguin = resolveQuirkProfile('auto', linux, undefined);
    expect(Object.values(penguin.enabled).some(Boolean)).toBe(false);
  });

  it('follows the Darwin version', () => {
    expect(resolveQuirkProfile('auto', sierra, undefined).enabled).toMatchObject({
      protoMismatchIsSharingViolation: false,
      missedResetGuard: true,
      forkGuard: true,
    });
    expect(resolveQuirkProfile('auto', highSierra, undefined).enabled.missedResetGuard).toBe(false);
  });

  it('lets the option and the environment override auto', () => {
    expect(Object.values(resolveQuirkProfile('all', linux, undefined).enabled).every(Boolean)).toBe(true);
    expect(Object.values(resolveQuirkProfile('none', elCapitan, undefined).enabled).some(Boolean)).toBe(false);
    const partial = resolveQuirkProfile({ missedResetGuard: true }, linux, undefined);
    expect(partial.enabled.missedResetGuard).toBe(true);
    expect(partial.enabled.forkGuard).toBe(false);
    const fromEnvironment = resolveQuirkProfile('all', linux, 'missedResetGuard,forkGuard=false');
    expect(fromEnvironment.source).toBe('environment');
    expect(fromEnvironment.enabled.missedResetGuard).toBe(true);
    expect(fromEnvironment.enabled.protoMismatchIsSharingViolation).toBe(false);
    expect(resolveQuirkProfile('all', linux, 'none').enabled.missedResetGuard).toBe(false);
  });

  it('rejects an unknown workaround name in the environment', () => {
    expect(() => resolveQuirkProfile('auto', linux, 'missedResetGaurd')).toThrow(/unknown workaround/);
  });
});
