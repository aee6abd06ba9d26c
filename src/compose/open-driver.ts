import { hostPlatform } from '../adapters/host-platform';
import type { WorkerDriverSpec, WorkerModuleSpec, WorkerStartOptions } from '../adapters/worker';
import { AUTO_ORDER, DRIVER_BINDINGS, DRIVER_NAMES, firstWorking, isDriverName, type DriverBindings, type DriverName } from './driver-bindings';
import type { TraceOption } from '../driver/tracing-driver';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { DriverPlatform, PcscDriver } from '../driver/pcsc-driver';
import type { QuirkNoticeSink } from '../quirks/quirk-notice';
import { resolveQuirkProfile, type QuirkProfile, type QuirksOption } from '../quirks/quirk-profile';
import { autoSelection, chooseAutoDriver, driverOrder, selectDriver } from './select-driver';
import type { DriverSelection } from '../core/composed-driver';
import { socketSettings } from './socket-option';
import type { DriverSettings } from './driver-bindings';

/** 'auto', a driver's name, or any PcscDriver such as a simulator's. */
export type DriverChoice = 'auto' | DriverName | PcscDriver;
export type { DriverName };
/** Where the driver runs: in this process, in a worker child process, or 'auto' (a worker only where the fork guard is on). */
export type Isolation = 'in-process' | 'worker' | 'auto';

/** How the driver under a Pcsc is chosen and wrapped. */
export interface DriverOptions {
  /**
   * 'auto' (the platform's order, e.g. pcscd, winscard, smartcard, pcsclite on Linux: the first that
   * works here), a binding name ('winscard': the system PC/SC library through
   * koffi; $RESILIENT_PCSC_WINSCARD_LIBRARY names another library file), or any PcscDriver such as a simulator's.
   */
  readonly driver?: DriverChoice;
  /** Which platform workarounds to turn on; 'auto' decides from the driver's platform. */
  readonly quirks?: QuirksOption;
  /**
   * 'worker' runs the driver in a freshly exec'd child process (PC/SC works there even when this
   * process was fork()ed, as on OS X El Capitan); 'auto' does so only where the quirk profile
   * turns the fork guard on. Default 'in-process'.
   *
   * A PcscDriver object cannot move to another process: with one, 'worker' throws an InvalidArgumentError
   * unless `workerDriver` names a module that builds the driver inside the worker, and 'auto'
   * stays in-process.
   */
  readonly isolation?: Isolation;
  /** The module whose factory builds the driver inside the worker; when given, it is used instead of `driver` there. */
  readonly workerDriver?: WorkerModuleSpec;
  /** Worker settings, e.g. `callTimeoutMs` to kill and restart a worker whose call hangs. */
  readonly worker?: WorkerStartOptions;
  /**
   * APDU trace: true prints every command and answer to stderr (as `pcscd --apdu` does); a
   * function receives each exchange instead. Default false. Every driver call is logged with
   * its result code and duration when NODE_DEBUG includes `resilient-pcsc`.
   */
  readonly trace?: TraceOption;
  /**
   * The unix socket of the pcscd to use, instead of PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm:
   * a daemon in a container, or on another machine through a socket forwarded by `ssh -L` (see
   * docs/remote-readers.md). Implies driver 'pcscd' (any other driver is an InvalidArgumentError)
   * in this process. Several Pcsc on several sockets run side by side.
   */
  readonly socket?: string;
}

/** A finished driver, workarounds applied, the profile that chose them, and why the driver was chosen. */
export interface OpenedDriver {
  /** The chosen driver, traced if asked, with the enabled workarounds wrapped around it. */
  readonly driver: PcscDriver;
  /** The quirk profile that chose the workarounds. */
  readonly profile: QuirkProfile;
  /** Which driver was chosen, and why. */
  readonly selection: DriverSelection;
}

/**
 * The composition root: chooses the driver (by name, 'auto''s order, or the object given) and
 * records why, decides worker isolation, resolves the quirk profile (once per platform, in practice
 * once), and wraps the driver in the reader-array fallover, the trace and the workarounds it turns on.
 */
export async function openDriver(options: DriverOptions = {}, notify?: QuirkNoticeSink, bindings: DriverBindings = DRIVER_BINDINGS): Promise<OpenedDriver> {
  const settings = socketSettings(options.socket, options.driver, options.isolation);
  const choice = checkedChoice(options.driver === undefined ? (settings.socketPath === undefined ? 'auto' : 'pcscd') : options.driver);
  const isolation = checkedIsolation(options.isolation === undefined ? 'in-process' : options.isolation);
  const profileFor = profileResolver(options.quirks === undefined ? 'auto' : options.quirks);
  // The wrappers are loaded here, not when the library is imported.
  const [{ withTracing }, { withQuirks }, { withReaderArrayFallover }] = await Promise.all([
    import('../driver/tracing-driver'),
    import('../quirks/apply-quirks'),
    import('../adapters/reader-array-fallover'),
  ]);
  const chosen = await baseDriver(choice, isolation, options, profileFor, bindings, settings);
  const base = withTracing(withReaderArrayFallover(chosen.driver), options.trace);
  const profile = profileFor(base.platform);
  return { driver: withQuirks(base, profile, notify), profile, selection: chosen.selection };
}

type ProfileFor = (platform: DriverPlatform) => QuirkProfile;

/** Resolves the profile of each platform once (a worker's platform is the host's in practice). */
function profileResolver(quirks: QuirksOption): ProfileFor {
  const resolved = new Map<string, QuirkProfile>();
  return (platform) => {
    const key = `${platform.os} ${platform.release} ${platform.forkedChild === true}`;
    let profile = resolved.get(key);
    if (!profile) {
      profile = resolveQuirkProfile(quirks, platform);
      resolved.set(key, profile);
    }
    return profile;
  };
}

function checkedChoice(choice: DriverChoice): DriverChoice {
  if (isDriverObject(choice) || choice === 'auto' || isDriverName(choice)) return choice;
  const names = ['auto', ...DRIVER_NAMES].map((name) => `'${name}'`).join(', ');
  throw InvalidArgumentError.expected('driver', `${names} or a PcscDriver`, choice, 'Pcsc.open');
}

/** Enough of the PcscDriver shape to tell a driver object from a mistake. */
function isDriverObject(value: unknown): value is PcscDriver {
  if (typeof value !== 'object' || value === null) return false;
  const driver = value as Partial<Record<keyof PcscDriver, unknown>>;
  return typeof driver.establishContext === 'function' && typeof driver.platform === 'object' && driver.platform !== null;
}

function checkedIsolation(isolation: Isolation): Isolation {
  if (isolation === 'in-process' || isolation === 'worker' || isolation === 'auto') return isolation;
  throw InvalidArgumentError.expected('isolation', "'in-process', 'worker' or 'auto'", isolation, 'Pcsc.open');
}

/** A driver before workarounds, and why it was chosen. */
interface BaseDriver {
  readonly driver: PcscDriver;
  readonly selection: DriverSelection;
}

/** The driver before workarounds: in this process, or in a worker process if `isolation` asks for one. */
async function baseDriver(
  choice: DriverChoice,
  isolation: Isolation,
  options: DriverOptions,
  profileFor: ProfileFor,
  bindings: DriverBindings,
  settings: DriverSettings,
): Promise<BaseDriver> {
  const inProcess = async (): Promise<BaseDriver> => {
    if (typeof choice === 'object') return { driver: choice, selection: { name: choice.name, reason: 'a driver object was passed as `driver`', tried: [] } };
    const profile = profileFor(hostPlatform());
    if (choice === 'auto') return chooseAutoDriver(profile, bindings);
    return { driver: await selectDriver(choice, profile, bindings, settings), selection: { name: choice, reason: 'named as `driver`', tried: [] } };
  };
  if (isolation === 'in-process' || settings.socketPath !== undefined) return inProcess();
  if (!options.workerDriver && typeof choice === 'object') {
    if (isolation === 'worker') {
      throw new InvalidArgumentError(
        `isolation: 'worker' cannot move a PcscDriver object to another process; pass driver: ${['auto', ...DRIVER_NAMES].map((name) => `'${name}'`).join(' | ')}, ` +
          'or a workerDriver module that builds the driver inside the worker.',
        'isolation',
        'Pcsc.open',
      );
    }
    return inProcess();
  }
  if (isolation === 'auto') {
    const platform = typeof choice === 'object' ? choice.platform : hostPlatform();
    if (!profileFor(platform).enabled.forkGuard) return inProcess();
  }
  const chosen = options.workerDriver
    ? { spec: options.workerDriver, selection: { name: 'worker', reason: `the \`workerDriver\` module ${options.workerDriver.path}`, tried: [] } }
    : await workerSpec(choice as DriverName | 'auto', profileFor(hostPlatform()), bindings);
  const { WorkerDriver } = await import('../adapters/worker/worker-driver');
  const driver = await WorkerDriver.start(chosen.spec, options.worker);
  return { driver, selection: { ...chosen.selection, name: driver.name, reason: `${chosen.selection.reason}, in a worker process` } };
}

/**
 * The driver a worker builds, decided here where the quirk profile is known: the first of the
 * 'auto' order that works here; when none does, the worker tries the order itself (a 'pcscd'
 * driver is built even while the daemon is down, which is a service to recover, not a missing driver).
 */
async function workerSpec(
  choice: DriverName | 'auto',
  profile: QuirkProfile,
  bindings: DriverBindings,
): Promise<{ spec: WorkerDriverSpec; selection: DriverSelection }> {
  if (choice !== 'auto') return { spec: { kind: choice }, selection: { name: choice, reason: 'named as `driver`', tried: [] } };
  const order = driverOrder('auto', profile, bindings);
  try {
    const chosen = await firstWorking(order, AUTO_ORDER[profile.platform.os][0], (name) => bindings[name].probe());
    return { spec: { kind: chosen.name }, selection: autoSelection(chosen.name, chosen.passedOver, order, profile) };
  } catch (error) {
    const reason = `no driver of the 'auto' order (${order.join(', ')}) loads here (${error instanceof Error ? error.message : String(error)}); the worker builds the first it can`;
    return { spec: { kind: 'auto', order }, selection: { name: 'auto', reason, tried: [] } };
  }
}
