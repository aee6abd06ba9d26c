import type { DriverCapabilities } from '../../driver/pcsc-driver';
import type { SimulatedBugs, SimulatorPersonality } from './simulator-personality';

export type PersonalityName = 'linux' | 'darwin-15' | 'darwin-16' | 'darwin-17';

const NO_BUGS: SimulatedBugs = {
  protoMismatchOnExclusiveReader: false,
  resetReportedOneTransmitLate: false,
  noServiceInForkedChild: false,
  pinpadBreaksLaterReaders: false,
};

const PCSC_LITE_CAPABILITIES: DriverCapabilities = {
  status: true,
  reconnect: true,
  transactions: true,
  control: true,
  cancel: true,
  pnpNotification: true,
  eventCounter: true,
  multipleHandlesPerReader: true,
};

/** Apple's PC/SC never had the PnP pseudo reader nor the event counter in dwEventState. */
const APPLE_CAPABILITIES: DriverCapabilities = {
  ...PCSC_LITE_CAPABILITIES,
  pnpNotification: false,
  eventCounter: false,
};

function darwin(release: string, bugs: Partial<SimulatedBugs>): SimulatorPersonality {
  const major = release.split('.')[0] ?? release;
  return {
    name: `darwin-${major}`,
    platform: { os: 'darwin', release },
    capabilities: APPLE_CAPABILITIES,
    numberedReaderNames: false,
    bugs: { ...NO_BUGS, ...bugs },
  };
}

/** The built-in personalities; a new macOS release is one more entry. */
export const SIMULATOR_PERSONALITIES: Readonly<Record<PersonalityName, SimulatorPersonality>> = {
  linux: {
    name: 'linux',
    platform: { os: 'linux', release: '6.1.0' },
    capabilities: PCSC_LITE_CAPABILITIES,
    numberedReaderNames: true,
    bugs: NO_BUGS,
  },
  // OS X 10.11.6 El Capitan
  'darwin-15': darwin('15.6.0', {
    protoMismatchOnExclusiveReader: true,
    resetReportedOneTransmitLate: true,
    noServiceInForkedChild: true,
    pinpadBreaksLaterReaders: true,
  }),
  // macOS 10.12.6 Sierra: connect error code fixed (10.12.0), CCID 1.4.24 fixes the pinpad
  'darwin-16': darwin('16.7.0', {
    resetReportedOneTransmitLate: true,
    noServiceInForkedChild: true,
  }),
  // macOS 10.13.6 High Sierra: late reset report fixed (10.13.0)
  'darwin-17': darwin('17.7.0', {
    noServiceInForkedChild: true,
  }),
};

export function resolvePersonality(personality: PersonalityName | SimulatorPersonality): SimulatorPersonality {
  if (typeof personality !== 'string') return personality;
  const found = (SIMULATOR_PERSONALITIES as Readonly<Record<string, SimulatorPersonality | undefined>>)[personality];
  if (found === undefined) {
    const known = Object.keys(SIMULATOR_PERSONALITIES).join(', ');
    throw new Error(`Unknown simulator personality "${personality}" (known: ${known})`);
  }
  return found;
}
