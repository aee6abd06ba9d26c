import { resolveQuirkProfile, QUIRKS, quirksFor } from '../../../src/quirks';

const elCapitan = { os: 'darwin', release: '15.6.0' } as const;
const sierra = { os: 'darwin', release: '16.7.0' } as const;
const highSierra = { os: 'darwin', release: '17.0.0' } as const;
const linux = { os: 'linux', release: '6.1.0' } as const;

describe('quirk registry', () => {
  it('gives every entry a source, and a reason when it only diagnoses', () => {
    expect(QUIRKS).toHaveLength(18);
    for (const quirk of QUIRKS) {
      expect(quirk.source.title).toMatch(/(OS X|macOS|Windows)/);
      expect(quirk.source.date).toMatch(/^20\d\d-\d\d(-\d\d)?$/);
      if (quirk.workaround === 'diagnose-only') expect(quirk.diagnoseOnlyBecause).toBeTruthy();
    }
  });

  it("places Sonoma's SCardControl bug in 14.0 to 14.2 and Windows' service stop from Windows 8", () => {
    expect(quirksFor('darwin', '23.2.0').map((q) => q.id)).toContain('control-not-transacted');
    expect(quirksFor('darwin', '23.3.0').map((q) => q.id)).not.toContain('control-not-transacted');
    expect(quirksFor('win32', '6.1.7601').map((q) => q.id)).toEqual([]);
    expect(quirksFor('win32', '10.0.19045').map((q) => q.id)).toEqual(['service-stops-with-last-reader']);
  });

  it('follows the fix dates: proto mismatch and CT700 fixed in 16, missed reset in 17', () => {
    const seed = ['connect-proto-mismatch-for-sharing-violation', 'ct700-breaks-pcsc', 'no-pcsc-after-fork', 'transmit-misses-reset'];
    const seedOn = (major: number) =>
      quirksFor('darwin', major)
        .map((q) => q.id)
        .filter((id) => seed.includes(id))
        .sort();
    expect(seedOn(15)).toEqual([...seed].sort());
    expect(seedOn(16)).toEqual(['no-pcsc-after-fork', 'transmit-misses-reset']);
    expect(seedOn(17)).toEqual(['no-pcsc-after-fork']);
    expect(seedOn(14)).toEqual([]);
    expect(quirksFor('linux', undefined)).toEqual([]);
  });
});

describe('quirk profile', () => {
  it('auto turns on the workarounds for El Capitan and none on Linux', () => {
    const mac = resolveQuirkProfile('auto', elCapitan, undefined);
    expect(mac.darwinMajor).toBe(15);
    expect(mac.enabled).toMatchObject({
      protoMismatchIsSharingViolation: true,
      missedResetGuard: true,
      removedCardRemap: true,
      notTransactedIsProtoMismatch: false,
    });
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
