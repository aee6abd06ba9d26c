import { FULL_CAPABILITIES, type DriverCapabilities, type DriverPlatform } from '../../driver/pcsc-driver';
import { quirksFor } from '../../quirks/registry';
import { QUIRK_HOOKS } from './quirk-hooks';
import type { SimulatedBugs, SimulatedCodeBugs, SimulatorPersonality } from './simulator-personality';

/**
 * A built-in simulator personality: 'linux' (pcsc-lite 1.9), 'darwin-N' (the macOS release with
 * Darwin kernel N: 14 Yosemite, 15 El Capitan, ... 23 Sonoma) or 'win32' (Windows).
 */
export type PersonalityName =
  'linux' | 'darwin-14' | 'darwin-15' | 'darwin-16' | 'darwin-17' | 'darwin-18' | 'darwin-19' | 'darwin-20' | 'darwin-21' | 'darwin-22' | 'darwin-23' | 'win32';

const NO_BUGS: Required<SimulatedBugs> = {
  protoMismatchOnExclusiveReader: false,
  resetReportedOneTransmitLate: false,
  noServiceInForkedChild: false,
  pinpadBreaksLaterReaders: false,
  statusMissesReset: false,
  powerOffWhileShared: false,
  sharedConnectWaitsForOthers: false,
  inheritedContextCrashes: false,
  truncatesLongAnswers: false,
  serviceStopsWithLastReader: false,
};

const NO_CODE_BUGS: Required<SimulatedCodeBugs> = {
  notTransactedForProtoMismatch: false,
  beginTransactionResetForRemoved: false,
  transmitResetForRemoved: false,
  endTransactionResetForRemoved: false,
  controlNotTransacted: false,
  beginTransactionUnpoweredForReset: false,
};

/** A personality whose bugs and missing features are exactly the registry entries for its release. */
function fromRegistry(name: string, platform: DriverPlatform): SimulatorPersonality {
  const bugs: Record<keyof SimulatedBugs, boolean> = { ...NO_BUGS };
  const codeBugs: Record<keyof SimulatedCodeBugs, boolean> = { ...NO_CODE_BUGS };
  const capabilities: Record<keyof DriverCapabilities, boolean> = { ...FULL_CAPABILITIES };
  for (const quirk of quirksFor(platform.os, platform.release)) {
    const hook = QUIRK_HOOKS[quirk.id];
    if ('bug' in hook) bugs[hook.bug] = true;
    else if ('codeBug' in hook) codeBugs[hook.codeBug] = true;
    else if ('missingCapability' in hook) capabilities[hook.missingCapability] = false;
  }
  return { name, platform, capabilities, numberedReaderNames: platform.os === 'linux', bugs, codeBugs };
}

/**
 * The personality of any release, e.g. `{ os: 'darwin', release: '14.3.0' }` for OS X 10.10.3:
 * the registry entries affecting exactly that release turned on.
 */
export function personalityForRelease(platform: DriverPlatform): SimulatorPersonality {
  return fromRegistry(`${platform.os}-${platform.release}`, platform);
}

/** The last update of each release; Sonoma stays at 14.2 so its SCardControl bug is present. */
const DARWIN_RELEASES: Readonly<Record<string, string>> = {
  14: '14.5.0',
  15: '15.6.0',
  16: '16.7.0',
  17: '17.7.0',
  18: '18.7.0',
  19: '19.6.0',
  20: '20.6.0',
  21: '21.6.0',
  22: '22.6.0',
  23: '23.2.0',
};

function darwin(major: number): SimulatorPersonality {
  return fromRegistry(`darwin-${major}`, { os: 'darwin', release: DARWIN_RELEASES[major] ?? `${major}.0.0` });
}

/** The built-in personalities; a new release is one more entry, its bugs come from the registry. */
export const SIMULATOR_PERSONALITIES: Readonly<Record<PersonalityName, SimulatorPersonality>> = {
  linux: fromRegistry('linux', { os: 'linux', release: '6.1.0' }),
  'darwin-14': darwin(14),
  'darwin-15': darwin(15),
  'darwin-16': darwin(16),
  'darwin-17': darwin(17),
  'darwin-18': darwin(18),
  'darwin-19': darwin(19),
  'darwin-20': darwin(20),
  'darwin-21': darwin(21),
  'darwin-22': darwin(22),
  'darwin-23': darwin(23),
  win32: fromRegistry('win32', { os: 'win32', release: '10.0.19045' }),
};

/** The personality a name stands for (a personality object is returned as is); throws Error for an unknown name. */
export function resolvePersonality(personality: PersonalityName | SimulatorPersonality): SimulatorPersonality {
  if (typeof personality !== 'string') return personality;
  const found = (SIMULATOR_PERSONALITIES as Readonly<Record<string, SimulatorPersonality | undefined>>)[personality];
  if (found === undefined) {
    const known = Object.keys(SIMULATOR_PERSONALITIES).join(', ');
    throw new Error(`Unknown simulator personality "${personality}" (known: ${known})`);
  }
  return found;
}
