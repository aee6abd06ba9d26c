import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Loaded {
  /** Node built-ins loaded for the first time. */
  readonly builtins: string[];
  /** Node built-ins the library asked for (tsx itself loads some, e.g. fs/promises, before the library). */
  readonly requested: string[];
  readonly sources: string[];
}

/** The Node built-ins and library sources that `require(entry)` loads, beyond what was loaded before it. */
function loadedBy(entry: string): Loaded {
  const script = `
    const Module = require('node:module');
    const requested = new Set();
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (Module.isBuiltin(request)) requested.add(request.replace(/^node:/, ''));
      return load.call(this, request, ...rest);
    };
    const before = new Set(process.moduleLoadList);
    const cached = new Set(Object.keys(require.cache));
    require(${JSON.stringify(join(ROOT, entry))});
    const builtins = process.moduleLoadList.filter((name) => !before.has(name) && name.startsWith('NativeModule ')).map((name) => name.slice(13));
    const sources = Object.keys(require.cache).filter((file) => !cached.has(file)).map((file) => file.startsWith(${JSON.stringify(ROOT)}) ? file.slice(${JSON.stringify(ROOT.length + 1)}) : file);
    process.stdout.write(JSON.stringify({ builtins, requested: [...requested], sources }));`;
  return JSON.parse(execFileSync(TSX, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })) as Loaded;
}

describe('importing the library', () => {
  it('loads no driver adapter, no worker and none of their Node modules until a driver is chosen', () => {
    const { builtins, sources } = loadedBy('src/index.ts');
    expect(sources).toContain('src/core/pcsc.ts');
    const adapters = sources.filter((file) => file.startsWith('src/adapters/'));
    expect(adapters).toEqual([]);
    expect(builtins.filter((name) => ['net', 'child_process'].includes(name))).toEqual([]);
  }, 150_000);

  it('loads the composition (driver table, auto, quirk registry) only when a Pcsc is opened', () => {
    const { sources } = loadedBy('src/index.ts');
    expect(sources).toContain('src/core/pcsc.ts');
    // compose/pcsc.ts holds the Pcsc class users import; what it composes loads on Pcsc.open().
    expect(sources.filter((file) => /^src\/(compose|quirks)\//.test(file) && file !== 'src/compose/pcsc.ts')).toEqual([]);
  }, 150_000);

  it('loads p-retry only when a retry or a recovery first runs', () => {
    const { sources } = loadedBy('src/index.ts');
    expect(sources).toContain('src/core/recovery/service-recovery.ts');
    expect(sources.filter((file) => /\/(p-retry|is-network-error)\//.test(file))).toEqual([]);
  }, 150_000);

  it('reads the ATR list through fs/promises only when lookupAtr first runs (it loads readline and file watchers)', () => {
    const { builtins, requested, sources } = loadedBy('src/index.ts');
    expect(sources).toContain('src/atr/lookup-atr.ts');
    expect(requested).toContain('async_hooks'); // the hook sees what the library asks for
    expect(requested.filter((name) => name === 'fs/promises')).toEqual([]);
    expect(builtins.filter((name) => name === 'fs/promises' || name.startsWith('internal/readline/'))).toEqual([]);
  }, 150_000);
});
