import { DRIVER_NAMES, isDriverName, type DriverName as BindingName } from '../compose/driver-bindings';
import type { QuirksOption } from '../quirks/apply-quirks';
import { checkSocketPath } from '../driver/pcscd-socket-path';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UsageError } from './cli-errors';

export type DriverName = 'auto' | BindingName;

/** "a, b or c": the --driver values, from the one driver table. */
export function driverChoices(auto = 'auto'): string {
  const choices = [auto, ...DRIVER_NAMES];
  return `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}

/** Options every command takes. */
export interface GlobalOptions {
  readonly json: boolean;
  readonly simulate: boolean;
  readonly personality: string;
  readonly driver: DriverName;
  readonly quirks: QuirksOption;
  /** pcscd's unix socket (--socket PATH), e.g. one forwarded from another machine; implies --driver pcscd. */
  readonly socket?: string;
  /** With --simulate: a virtual contactless tag in a simulated ACR122U (--simulate-tag). */
  readonly simulateTag: string | undefined;
}

/** util.parseArgs definitions of the global options. */
export const GLOBAL_OPTION_SPECS = {
  json: { type: 'boolean' },
  simulate: { type: 'boolean' },
  personality: { type: 'string' },
  driver: { type: 'string' },
  quirks: { type: 'string' },
  socket: { type: 'string' },
  'simulate-tag': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = Record<string, string | boolean | undefined>;

export function readGlobalOptions(values: Values): GlobalOptions {
  const socket = socketOption(values);
  const driver = stringValue(values, 'driver') ?? (socket === undefined ? 'auto' : 'pcscd');
  if (driver !== 'auto' && !isDriverName(driver)) {
    throw new UsageError(`--driver must be ${driverChoices()}, not "${driver}"`);
  }
  const quirks = stringValue(values, 'quirks') ?? 'auto';
  if (quirks !== 'auto' && quirks !== 'none' && quirks !== 'all') {
    throw new UsageError(`--quirks must be auto, none or all, not "${quirks}"`);
  }
  if (socket !== undefined && driver !== 'pcscd') throw new UsageError(`--socket is pcscd's socket and needs --driver pcscd (or no --driver), not ${driver}`);
  if (socket !== undefined && values.simulate === true) throw new UsageError('--socket and --simulate exclude each other');
  const personality = stringValue(values, 'personality');
  if (personality !== undefined && values.simulate !== true) throw new UsageError('--personality only applies with --simulate');
  const simulateTag = stringValue(values, 'simulate-tag');
  if (simulateTag !== undefined && values.simulate !== true) throw new UsageError('--simulate-tag only applies with --simulate');
  return {
    simulateTag,
    json: values.json === true,
    simulate: values.simulate === true,
    personality: personality ?? 'linux',
    driver,
    quirks,
    ...(socket === undefined ? {} : { socket }),
  };
}

/** --socket's path, refused as a usage error when it cannot name a unix socket. */
function socketOption(values: Values): string | undefined {
  const socket = stringValue(values, 'socket');
  if (socket === undefined) return undefined;
  try {
    return checkSocketPath(socket, 'socket', 'resilient-pcsc');
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`--socket: ${error.message}`);
    throw error;
  }
}

export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
