// Generates the API reference (docs/api) with TypeDoc and checks that no public name lacks
// documentation. Names still undocumented are listed in docs/api-undocumented.txt: a name missing
// a doc comment that is not listed fails, and so does a listed name that is documented now (so
// the list only shrinks). `--update` rewrites the list.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LIST = 'docs/api-undocumented.txt';
const HEADER = '# Public names TypeDoc finds without documentation; this list may only shrink.\n';

const run = spawnSync('npx', ['typedoc', '--treatWarningsAsErrors', 'false'], { encoding: 'utf8' });
const output = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
if (run.status !== 0) {
  process.stderr.write(output);
  process.exit(1);
}
const warnings = output.split('\n').filter((line) => line.startsWith('[warning]'));
const gaps = warnings
  .map((line) => /^\[warning\] (.+?), defined in (.+?), (does not have any documentation|is referenced by .+ but not included in the documentation)$/.exec(line))
  .filter(Boolean)
  .map(([, name, file]) => `${name} ${file}`);
const other = warnings.filter((line) => !/does not have any documentation|but not included in the documentation|^\[warning\] Found \d+ errors/.test(line));
const found = [...new Set(gaps)].sort();

if (process.argv.includes('--update')) {
  writeFileSync(LIST, HEADER + found.join('\n') + '\n');
  console.log(`api docs: ${found.length} undocumented names written to ${LIST}`);
  process.exit(0);
}

const listed = new Set(readFileSync(LIST, 'utf8').split('\n').filter((line) => line && !line.startsWith('#')));
const added = found.filter((name) => !listed.has(name));
const fixed = [...listed].filter((name) => !found.includes(name));
for (const line of other) console.error(line);
for (const name of added) console.error(`api docs: undocumented: ${name}`);
for (const name of fixed) console.error(`api docs: documented now, remove from ${LIST}: ${name}`);
console.log(`api docs: docs/api written; ${found.length} names still undocumented (${LIST})`);
process.exit(other.length + added.length + fixed.length === 0 ? 0 : 1);
