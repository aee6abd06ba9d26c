import type { DriverPlatform } from '../driver/pcsc-driver';
import { QUIRKS, quirksFor, type WorkaroundId } from './registry';

/** Workarounds forced on (true) or off (false) by id; an id left out is decided as under 'auto'. */
export type WorkaroundSwitches = Readonly<Partial<Record<WorkaroundId, boolean>>>;
/** 'auto' (from the platform), 'none', 'all', or per-workaround switches. */
export type QuirksOption = 'auto' | 'none' | 'all' | WorkaroundSwitches;

/** Every workaround the registry names, each once. */
export const WORKAROUND_IDS: readonly WorkaroundId[] = [
  ...new Set(QUIRKS.flatMap((quirk) => (quirk.workaround === 'diagnose-only' ? [] : [quirk.workaround]))),
];

/** Which workarounds are on, and why each one is. */
export interface QuirkProfile {
  /** The platform the profile was decided for. */
  readonly platform: DriverPlatform;
  /** Darwin kernel major (15 for El Capitan); undefined off macOS. */
  readonly darwinMajor: number | undefined;
  /** Whether each workaround is on. */
  readonly enabled: Readonly<Record<WorkaroundId, boolean>>;
  /** For each workaround that is on, why (the quirk and platform, or 'forced on'). */
  readonly reasons: Readonly<Partial<Record<WorkaroundId, string>>>;
  /** Where the choice came from: 'auto', 'option', or 'RESILIENT_PCSC_QUIRKS'. */
  readonly source: 'auto' | 'option' | 'environment';
}

/** Darwin kernel major of an `os.release()` string ('15.6.0' → 15). */
export function darwinMajorOf(platform: DriverPlatform): number | undefined {
  if (platform.os !== 'darwin') return undefined;
  const major = parseInt(platform.release, 10);
  return Number.isFinite(major) ? major : undefined;
}

/**
 * Decides the workarounds for a driver's platform. The environment variable
 * RESILIENT_PCSC_QUIRKS ('auto' | 'none' | 'all' | 'id,id=false,...') overrides the option.
 */
export function resolveQuirkProfile(
  option: QuirksOption,
  platform: DriverPlatform,
  environment: string | undefined = process.env.RESILIENT_PCSC_QUIRKS,
): QuirkProfile {
  const darwinMajor = darwinMajorOf(platform);
  const fromEnvironment = environment !== undefined && environment.trim() !== '' ? parseEnvironment(environment) : undefined;
  const chosen = fromEnvironment ?? option;
  const source = fromEnvironment ? 'environment' : chosen === 'auto' ? 'auto' : 'option';
  const enabled = {} as Record<WorkaroundId, boolean>;
  const reasons: Partial<Record<WorkaroundId, string>> = {};
  const affecting = quirksFor(platform.os, platform.os === 'darwin' || platform.os === 'win32' ? platform.release : undefined);
  for (const id of WORKAROUND_IDS) {
    const quirk = affecting.find((entry) => entry.workaround === id);
    if (chosen === 'all') {
      enabled[id] = true;
      reasons[id] = 'forced on (all)';
    } else if (chosen === 'none') {
      enabled[id] = false;
    } else if (chosen === 'auto' || chosen[id] === undefined) {
      enabled[id] = quirk !== undefined;
      if (quirk) reasons[id] = `${quirk.id}: ${platform.os} ${platform.release}${darwinMajor === undefined ? '' : ` (Darwin ${darwinMajor})`}`;
    } else {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- a JavaScript caller may pass a non-boolean
      enabled[id] = chosen[id] === true;
      if (enabled[id]) reasons[id] = `forced on (${source})`;
    }
  }
  return { platform, darwinMajor, enabled, reasons, source };
}

function parseEnvironment(text: string): QuirksOption {
  const value = text.trim();
  if (value === 'auto' || value === 'none' || value === 'all') return value;
  const switches: Partial<Record<WorkaroundId, boolean>> = {};
  for (const part of value.split(',')) {
    const [rawId, rawFlag] = part.split('=');
    const id = rawId?.trim() as WorkaroundId;
    if (!WORKAROUND_IDS.includes(id)) {
      throw new Error(`RESILIENT_PCSC_QUIRKS names an unknown workaround "${rawId}"; known: ${WORKAROUND_IDS.join(', ')}`);
    }
    switches[id] = rawFlag === undefined || !/^(0|false|off|no)$/i.test(rawFlag.trim());
  }
  return switches;
}
