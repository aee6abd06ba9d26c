import { formatHex } from '../../apdu/hex';
import type { Pcsc } from '../../compose/pcsc';
import type { QuirkNotice } from '../../core/pcsc-events';
import { hostPlatform } from '../../adapters/host-platform';
import type { DriverCapabilities } from '../../driver/pcsc-driver';
import { resolveQuirkProfile, type QuirkProfile } from '../../quirks/quirk-profile';
import { QUIRKS, type WorkaroundId } from '../../quirks/registry';
import { isCt700 } from '../../quirks/workarounds/known-bad-reader';
import { guardSignalFor, type GuardSignalChoice } from '../../quirks/guard-signal';
import { errorJson } from '../cli-errors';
import type { GlobalOptions } from '../global-options';
import { openPcsc } from '../open-pcsc';
import { explainDriverChoice, type DriverTrial } from '../../compose/select-driver';
import { probeBindings, type BindingReport } from './bindings';
import { driverDetails, type DriverDetails } from './driver-details';
import type { Conflict } from './conflicts/conflict';
import { detectConflicts } from './conflicts/detect-conflicts';
import { hostSystemView } from './conflicts/system-view';
import { PcscError } from '../../errors/pcsc-error';

export interface WorkaroundReport {
  readonly id: WorkaroundId;
  readonly enabled: boolean;
  readonly reason?: string;
  /** The platform bug it handles, from the quirk registry. */
  readonly handles: string;
}

export interface DoctorReport {
  readonly platform: { readonly os: string; readonly release: string; readonly darwinMajor?: number; readonly node: string };
  readonly simulated: boolean;
  readonly quirks: { readonly source: QuirkProfile['source']; readonly environment?: string; readonly workarounds: WorkaroundReport[] };
  readonly bindings: BindingReport[];
  /** The driver asked for ('auto', a name, or 'simulated') and each one it went through, in order. */
  readonly driverSelection: { readonly requested: string; readonly trials: DriverTrial[] };
  readonly driver?: DriverDetails & {
    readonly name: string;
    readonly capabilities: DriverCapabilities;
    readonly missing: string[];
    /** How the missed-reset guard learns of a reset with this driver on this platform. */
    readonly resetGuard: GuardSignalChoice;
  };
  readonly service: { readonly reachable: boolean; readonly error?: Record<string, string | number> };
  readonly readers: { readonly name: string; readonly state: string; readonly atr?: string }[];
  /** Readers known to break PC/SC; `affectsThisPlatform` is false where the bug does not exist. */
  readonly knownBadReaders: { readonly name: string; readonly affectsThisPlatform: boolean }[];
  readonly notices: QuirkNotice[];
  /** What on this machine keeps PC/SC from working (kernel modules, other daemons, services), each with its fix. */
  readonly conflicts: Conflict[];
}

/** Collects what `doctor` prints: platform, quirks and why, bindings, service, readers, driver gaps. */
export async function diagnose(options: GlobalOptions): Promise<DoctorReport> {
  const bindings = probeBindings();
  const trials = options.simulate ? [] : await explainDriverChoice(options.driver, resolveQuirkProfile(options.quirks, hostPlatform()));
  // The driver the trials chose is the one opened, so the report and the driver agree.
  const chosen = trials.find((trial) => trial.outcome === 'chosen')?.name;
  let pcsc: Pcsc | undefined;
  let serviceError: unknown;
  try {
    pcsc = await openPcsc(chosen === undefined ? options : { ...options, driver: chosen });
  } catch (error) {
    serviceError = error;
  }
  try {
    const profile = pcsc?.quirkProfile ?? resolveQuirkProfile(options.quirks, hostPlatform());
    let readers: DoctorReport['readers'] = [];
    if (pcsc) {
      try {
        readers = (await pcsc.listReaders()).map((reader) => ({
          name: reader.name,
          state: reader.state,
          ...(reader.atr ? { atr: formatHex(reader.atr) } : {}),
        }));
      } catch (error) {
        serviceError = error;
      }
      // Notices raised while opening arrive on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const environment = process.env.RESILIENT_PCSC_QUIRKS;
    return {
      platform: {
        os: profile.platform.os,
        release: profile.platform.release,
        ...(profile.darwinMajor !== undefined ? { darwinMajor: profile.darwinMajor } : {}),
        node: process.version,
      },
      simulated: options.simulate,
      quirks: { source: profile.source, ...(environment ? { environment } : {}), workarounds: workarounds(profile) },
      bindings,
      driverSelection: { requested: options.simulate ? 'simulated' : options.driver, trials },
      ...(pcsc ? { driver: { ...driverReport(pcsc), ...(await driverDetails(pcsc.driver.name, options.socket)) } } : {}),
      service: serviceError === undefined ? { reachable: true } : { reachable: false, error: errorJson(serviceError) },
      readers,
      knownBadReaders: readers
        .map((reader) => reader.name)
        .filter(isCt700)
        .map((name) => ({ name, affectsThisPlatform: profile.enabled.knownBadReaderDiagnostics })),
      notices: pcsc ? [...pcsc.quirkNotices] : [],
      // A simulated service says nothing about this machine.
      conflicts: options.simulate
        ? []
        : detectConflicts(hostSystemView(), {
            reachable: serviceError === undefined,
            ...(serviceError instanceof PcscError ? { code: serviceError.code } : {}),
            readerCount: readers.length,
          }),
    };
  } finally {
    await pcsc?.close();
  }
}

function workarounds(profile: QuirkProfile): WorkaroundReport[] {
  return (Object.keys(profile.enabled) as WorkaroundId[]).map((id) => {
    const quirk = QUIRKS.find((entry) => entry.workaround === id);
    const reason = profile.reasons[id];
    return {
      id,
      enabled: profile.enabled[id],
      ...(reason ? { reason } : {}),
      handles: quirk ? `${quirk.call} ${quirk.wrongBehaviour}` : '',
    };
  });
}

function driverReport(pcsc: Pcsc): Omit<NonNullable<DoctorReport['driver']>, keyof DriverDetails> {
  const capabilities = pcsc.driver.capabilities;
  const missing = (Object.keys(capabilities) as Array<keyof DriverCapabilities>).filter((key) => !capabilities[key]);
  return { name: pcsc.driver.name, capabilities, missing, resetGuard: guardSignalFor(pcsc.quirkProfile, pcsc.driver) };
}
