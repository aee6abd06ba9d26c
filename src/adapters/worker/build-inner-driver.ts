import { pathToFileURL } from 'node:url';
import type { PcscDriver } from '../../driver/pcsc-driver';
import { combineDriverFailures } from '../../driver/driver-unavailable-error';
import { isDriverName, type DriverName } from '../driver-name';
import { IN_PROCESS_DRIVERS } from '../in-process-drivers';
import { withReaderArrayFallover } from '../reader-array-fallover';
import type { WorkerDriverSpec, WorkerModuleSpec } from './worker-spec';

// A real dynamic import: TypeScript's CommonJS output would turn `import()` into require(),
// which cannot load an ES module on older Node versions.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, see above
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** The spec the parent passed on the command line. */
export function parseWorkerSpec(text: string | undefined): WorkerDriverSpec {
  const spec: unknown = JSON.parse(text ?? 'null');
  if (typeof spec === 'object' && spec !== null && 'kind' in spec) {
    const { kind } = spec;
    if (kind === 'auto' && 'order' in spec && Array.isArray(spec.order) && spec.order.every(isDriverName)) return { kind, order: spec.order };
    if (kind === 'auto' || isDriverName(kind)) return { kind };
    if (kind === 'module' && 'path' in spec && typeof spec.path === 'string') {
      const exportName = 'exportName' in spec && typeof spec.exportName === 'string' ? spec.exportName : undefined;
      return exportName === undefined ? { kind, path: spec.path } : { kind, path: spec.path, exportName };
    }
  }
  throw new TypeError(`Not a worker driver spec: ${text}`);
}

/** Builds, inside the worker, the driver a spec describes. */
export async function buildInnerDriver(spec: WorkerDriverSpec): Promise<PcscDriver> {
  if (spec.kind === 'module') return driverFromModule(spec);
  if (spec.kind !== 'auto') return createHere(spec.kind);
  const failures: unknown[] = [];
  for (const name of spec.order ?? (Object.keys(IN_PROCESS_DRIVERS) as DriverName[])) {
    try {
      return await createHere(name);
    } catch (error) {
      failures.push(error);
    }
  }
  throw combineDriverFailures('auto', failures);
}

/** An adapter's driver as it runs inside this (worker) process, built from the adapter itself. */
async function createHere(name: DriverName): Promise<PcscDriver> {
  // Inside the worker too, a driver on libpcsclite 2.5.x falls over to 'pcscd' when its reader array is stuck.
  return withReaderArrayFallover(await IN_PROCESS_DRIVERS[name]());
}

async function loadModule(file: string): Promise<unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a driver module named at run time, CommonJS first
    return require(file) as unknown;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') return importModule(pathToFileURL(file).href);
    throw error;
  }
}

async function driverFromModule(spec: WorkerModuleSpec): Promise<PcscDriver> {
  const loaded = await loadModule(spec.path);
  const exportName = spec.exportName ?? 'default';
  const exported = typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>)[exportName] : undefined;
  const factory = typeof exported === 'function' ? exported : spec.exportName === undefined ? loaded : undefined;
  if (typeof factory !== 'function') {
    throw new TypeError(`${spec.path} has no export "${exportName}" holding a function that returns a PcscDriver.`);
  }
  const driver: unknown = await (factory as () => unknown)();
  if (typeof driver !== 'object' || driver === null || typeof (driver as Partial<PcscDriver>).transmit !== 'function') {
    throw new TypeError(`The factory "${exportName}" of ${spec.path} did not return a PcscDriver.`);
  }
  return driver as PcscDriver;
}
