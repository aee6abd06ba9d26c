/** A release as [major, minor]: '23.2.0' → [23, 2]; the number 23.3 → [23, 3]. */
type Version = readonly [number, number];

function fromRelease(release: string | number): Version {
  if (typeof release === 'number') {
    const major = Math.trunc(release);
    return [major, Math.round((release - major) * 10)];
  }
  const [major = NaN, minor = 0] = release.split('.').map((part) => parseInt(part, 10));
  return [major, Number.isFinite(minor) ? minor : 0];
}

function compare(a: Version, b: Version): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** Whether `release` lies in [first, fixed); a bound written as a number allows one minor digit. */
export function releaseInRange(release: string | number, first: number, fixed: number | undefined): boolean {
  const version = fromRelease(release);
  if (!Number.isFinite(version[0])) return false;
  return compare(version, fromRelease(first)) >= 0 && (fixed === undefined || compare(version, fromRelease(fixed)) < 0);
}
