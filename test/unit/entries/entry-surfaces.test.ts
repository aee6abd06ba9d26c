import { join } from 'node:path';
import * as ts from 'typescript';
import expected from '../../entries/surfaces.json';
import { readSurfaces, type EntrySurface } from '../../entries/read-surface.cjs';

// Each entry point's export names, as decided in test/entries/surfaces.json: adding or removing a
// name fails here until that file says so. The package test checks the same file against the built
// package (CommonJS, ES module and both declaration builds).

const ROOT = join(__dirname, '..', '..', '..');
const SOURCES: Readonly<Record<keyof typeof expected, string>> = {
  'resilient-pcsc': 'src/index.ts',
  'resilient-pcsc/driver': 'src/driver-entry.ts',
  'resilient-pcsc/testing': 'src/testing/index.ts',
  'resilient-pcsc/pyscard': 'src/pyscard/index.ts',
  'resilient-pcsc/nfc': 'src/nfc/index.ts',
  'resilient-pcsc/nfc-pcsc': 'src/nfc-pcsc/index.ts',
};
const entries = Object.keys(SOURCES) as (keyof typeof expected)[];

let surfaces: Map<string, EntrySurface>;
beforeAll(() => {
  surfaces = readSurfaces(
    ts,
    entries.map((entry) => join(ROOT, SOURCES[entry])),
    { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'] },
  );
}, 180_000);

function surfaceOf(entry: keyof typeof expected): EntrySurface {
  const surface = surfaces.get(join(ROOT, SOURCES[entry]));
  if (!surface) throw new Error(`no surface read for ${entry}`);
  return surface;
}

describe.each(entries)('%s', (entry) => {
  it('exports at run time exactly the values listed for it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(join(ROOT, SOURCES[entry])) as Record<string, unknown>;
    expect(
      Object.keys(loaded)
        .filter((name) => name !== '__esModule')
        .sort(),
    ).toEqual(expected[entry].values);
  });

  it('declares exactly the values and types listed for it', () => {
    expect(surfaceOf(entry).names).toEqual([...expected[entry].values, ...expected[entry].types].sort());
  });

  it('has a doc comment on every name it exports', () => {
    expect(surfaceOf(entry).undocumented).toEqual([]);
  });

  it('lists each name once, sorted, values apart from types', () => {
    const { values, types } = expected[entry];
    expect(values).toEqual([...new Set(values)].sort());
    expect(types).toEqual([...new Set(types)].sort());
    expect(values.filter((name) => types.includes(name))).toEqual([]);
  });
});
