'use strict';
// The installed package's export names, entry by entry, against the decided list
// (surfaces.json, test/entries in the repository): the values that require() and import() give, and
// every name the CommonJS and ES module declaration files export, read with the TypeScript compiler.
const { join, dirname } = require('node:path');
const ts = require('typescript');
const { readSurfaces } = require('./read-surface.cjs');
const expected = require('./surfaces.json');

const packageDir = dirname(require.resolve('resilient-pcsc/package.json'));
const { exports: exported } = require('resilient-pcsc/package.json');

/** The runtime names of a loaded module, sorted. */
const namesOf = (loaded) => Object.keys(loaded).filter((name) => name !== '__esModule').sort();

function differences(label, actual, wanted) {
  const missing = wanted.filter((name) => !actual.includes(name));
  const extra = actual.filter((name) => !wanted.includes(name));
  if (missing.length === 0 && extra.length === 0) return [];
  return [`${label}: ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `not listed ${extra.join(', ')}` : ''}`];
}

async function main() {
  const entries = Object.keys(expected);
  const subpaths = Object.keys(exported).filter((subpath) => subpath !== './package.json');
  const problems = differences('entry points', subpaths.map((subpath) => (subpath === '.' ? 'resilient-pcsc' : `resilient-pcsc${subpath.slice(1)}`)).sort(), [...entries].sort());
  const declarationFiles = entries.flatMap((entry) => {
    const target = exported[entry === 'resilient-pcsc' ? '.' : `.${entry.slice('resilient-pcsc'.length)}`];
    return [join(packageDir, target.require.types), join(packageDir, target.import.types)];
  });
  const surfaces = readSurfaces(ts, declarationFiles, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'] });
  for (const entry of entries) {
    const { values, types } = expected[entry];
    problems.push(...differences(`${entry}, require()`, namesOf(require(entry)), values));
    problems.push(...differences(`${entry}, import()`, namesOf(await import(entry)), values));
    const target = exported[entry === 'resilient-pcsc' ? '.' : `.${entry.slice('resilient-pcsc'.length)}`];
    for (const file of [target.require.types, target.import.types]) {
      const surface = surfaces.get(join(packageDir, file));
      problems.push(...differences(`${entry}, ${file}`, surface.names, [...values, ...types].sort()));
    }
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`package test: export names differ from test/entries/surfaces.json: ${problem}`);
    process.exit(1);
  }
  const counts = entries.map((entry) => `${entry} ${expected[entry].values.length}+${expected[entry].types.length}`).join(', ');
  console.log(`package test: every entry exports the listed names (values+types) in CommonJS, ES module and both declaration builds: ${counts}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
