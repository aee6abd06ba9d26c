import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerLaunch } from './worker-spec';

const ENTRY = 'worker-entry';

/**
 * This module's directory. The ES module build has no __dirname (and TypeScript here compiles to
 * CommonJS, so import.meta is not available either); V8's structured stack gives the file instead.
 */
function moduleDirectory(): string {
  if (typeof __dirname === 'string') return __dirname;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back, never called
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    const frames = new Error().stack as unknown as NodeJS.CallSite[];
    const file = frames[0]?.getFileName();
    if (!file) throw new Error('cannot tell where resilient-pcsc is installed; pass WorkerStartOptions.launch');
    return path.dirname(file.startsWith('file:') ? fileURLToPath(file) : file);
  } finally {
    Error.prepareStackTrace = original;
  }
}

/**
 * tsx's CommonJS and ES module hooks, for running the entry from TypeScript sources: the binding
 * table loads each adapter with import(), which goes through the ES module loader.
 */
function tsxHooks(from: string): string[] {
  try {
    const resolve = createRequire(path.join(from, 'noop.js')).resolve;
    return ['--require', resolve('tsx/cjs'), '--import', pathToFileURL(resolve('tsx/esm')).href];
  } catch (cause) {
    throw new Error(`The worker entry is only available as TypeScript (${from}) and tsx is not installed to run it.`, { cause });
  }
}

/**
 * The built library has `worker-entry.js` beside it (tsup puts every bundle in dist/); from
 * sources (jest, tsx) there is only `worker-entry.ts`, which runs under tsx's require hook.
 * Parent flags are not inherited: an --inspect port or a test runner's flags would break the child.
 */
export function defaultWorkerLaunch(): WorkerLaunch {
  const directory = moduleDirectory();
  const built = path.join(directory, `${ENTRY}.js`);
  if (existsSync(built)) return { entryPath: built, execArgv: [] };
  const source = path.join(directory, `${ENTRY}.ts`);
  if (existsSync(source)) return { entryPath: source, execArgv: tsxHooks(directory) };
  throw new Error(`The PC/SC worker entry is missing: neither ${built} nor ${source} exists.`);
}
