import { APPLE_MISSING_FEATURES } from './entries/apple-missing-features';
import { EL_CAPITAN_QUIRKS } from './entries/el-capitan';
import { SIERRA_AND_LATER_QUIRKS } from './entries/sierra-and-later';
import { WINDOWS_QUIRKS } from './entries/windows';
import { YOSEMITE_QUIRKS } from './entries/yosemite';
import { releaseInRange } from './platform-version';
import type { QuirkEntry } from './quirk-entry';

export type { QuirkEntry, QuirkId, WorkaroundId } from './quirk-entry';

/** Every known platform PC/SC bug, as data (the quirk registry). */
export const QUIRKS: readonly QuirkEntry[] = [
  ...EL_CAPITAN_QUIRKS,
  ...YOSEMITE_QUIRKS,
  ...APPLE_MISSING_FEATURES,
  ...SIERRA_AND_LATER_QUIRKS,
  ...WINDOWS_QUIRKS,
];

/**
 * The registry entries that affect a platform. `version` is the Darwin major (a number) or the
 * full `os.release()` string, which also places minor releases such as 23.3.
 */
export function quirksFor(os: string, version: number | string | undefined): QuirkEntry[] {
  if (version === undefined) return [];
  return QUIRKS.filter((quirk) => quirk.os === os && releaseInRange(version, quirk.firstAffected, quirk.fixedIn));
}
