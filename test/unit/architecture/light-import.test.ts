import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** The Node built-ins and library sources that `require(entry)` loads, beyond what was loaded before it. */
function loadedBy(entry: string): { builtins: string[]; sources: string[] } {
  const script = `
    const before = new Set(process.moduleLoadList);
    const cached = new Set(Object.keys(require.cache));
    require(${JSON.stringify(join(ROOT, entry))});
    const builtins = process.moduleLoadList.filter((name) => !before.has(name) && name.startsWith('NativeModule ')).map((name) => name.slice(13));
    const sources = Object.keys(require.cache).filter((file) => !cached.has(file)).map((file) => file.slice(${JSON.stringify(ROOT.length + 1)}));
    process.stdout.write(JSON.stringify({ builtins, sources }));`;
  return JSON.parse(execFileSync(TSX, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })) as { builtins: string[]; sources: string[] };
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
});
