// Generates the API reference (docs/api) with TypeDoc and fails when any public name lacks
// documentation, naming each one. Alongside, it runs the same check on a tiny entry point with one
// undocumented export (scripts/api-docs-self-check) and fails unless that name is reported: proof,
// on every run, that the check can fail. `--self-check` runs only that proof.
import { spawn } from 'node:child_process';

const GAP = /^\[warning\] (.+?), defined in (.+?), (does not have any documentation|is referenced by .+ but not included in the documentation)$/;
const EXPECTED_GAP = 'undocumentedOnPurpose (Variable) ./scripts/api-docs-self-check/index.ts';

/** Runs TypeDoc with `args`; resolves with its exit status, output and the public names it found undocumented. */
function typedocGaps(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['typedoc', '--treatWarningsAsErrors', 'false', ...args]);
    let raw = '';
    child.stdout.on('data', (chunk) => (raw += chunk));
    child.stderr.on('data', (chunk) => (raw += chunk));
    child.once('error', reject);
    child.once('close', (status) => {
      // eslint-disable-next-line no-control-regex -- strips the terminal's colour codes (ESC [ ... m)
      const output = raw.replace(/\x1b\[[0-9;]*m/g, '');
      const warnings = output.split('\n').filter((line) => line.startsWith('[warning]'));
      const found = warnings
        .map((line) => GAP.exec(line))
        .filter(Boolean)
        .map(([, name, file]) => `${name} ${file}`);
      const other = warnings.filter((line) => !GAP.test(line) && !/^\[warning\] Found \d+ errors/.test(line));
      resolve({ status, output, gaps: [...new Set(found)].sort(), other });
    });
  });
}

/** Whether the check reported the fixture's one undocumented name, and only it. */
async function selfCheck() {
  const { gaps } = await typedocGaps(['--options', 'scripts/api-docs-self-check/typedoc.json']);
  const ok = gaps.length === 1 && gaps[0] === EXPECTED_GAP;
  const reported = gaps.length ? gaps.join('; ') : 'nothing';
  (ok ? console.log : console.error)(`api docs self-check: reported ${reported}${ok ? '' : `; expected ${EXPECTED_GAP}`}`);
  return ok;
}

if (process.argv.includes('--self-check')) {
  process.exit((await selfCheck()) ? 0 : 1);
}

const [checkWorks, { status, output, gaps, other }] = await Promise.all([selfCheck(), typedocGaps([])]);
if (status !== 0) {
  process.stderr.write(output);
  process.exit(1);
}
for (const line of other) console.error(line);
for (const name of gaps) console.error(`api docs: undocumented: ${name}`);
console.log(`api docs: docs/api written; ${gaps.length} public names undocumented`);
process.exit(checkWorks && other.length + gaps.length === 0 ? 0 : 1);
