// Checks the hosted-CI workflows (.github/workflows/*.yml), which cannot run here: each parses as
// YAML and has the shape GitHub Actions needs (name, triggers, jobs with runs-on and steps, each
// step a `uses` or a `run`), and the matrix covers Linux, macOS and Windows with Node 20 and 22.
// No schema is fetched: the rules below are the subset of the workflow syntax this project uses.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { parse } = require('yaml');

const dir = '.github/workflows';
const problems = [];
const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file));
if (files.length === 0) problems.push(`${dir}: no workflow`);

const STEP_KEYS = new Set(['name', 'id', 'if', 'uses', 'with', 'run', 'shell', 'env', 'working-directory', 'continue-on-error', 'timeout-minutes']);
const JOB_KEYS = new Set([
  'name',
  'runs-on',
  'needs',
  'if',
  'strategy',
  'steps',
  'env',
  'defaults',
  'timeout-minutes',
  'permissions',
  'continue-on-error',
  'outputs',
  'services',
  'container',
  'concurrency',
  'environment',
]);
const TOP_KEYS = new Set(['name', 'on', 'jobs', 'env', 'permissions', 'defaults', 'concurrency', 'run-name']);
const TRIGGERS = new Set(['push', 'pull_request', 'workflow_dispatch', 'schedule', 'release', 'workflow_call']);
const matrixRuns = [];

for (const file of files) {
  const where = join(dir, file);
  let doc;
  try {
    doc = parse(readFileSync(where, 'utf8'), { strict: true, uniqueKeys: true });
  } catch (error) {
    problems.push(`${where}: not valid YAML: ${error.message}`);
    continue;
  }
  const need = (condition, message) => condition || problems.push(`${where}: ${message}`);
  if (!need(doc && typeof doc === 'object' && !Array.isArray(doc), 'the top level is not a mapping')) continue;
  for (const key of Object.keys(doc)) need(TOP_KEYS.has(key), `unknown top-level key "${key}"`);
  need(typeof doc.name === 'string', 'no name');
  const triggers = typeof doc.on === 'string' ? [doc.on] : Array.isArray(doc.on) ? doc.on : Object.keys(doc.on ?? {});
  need(triggers.length > 0, 'no trigger (on:)');
  for (const trigger of triggers) need(TRIGGERS.has(trigger), `unknown trigger "${trigger}"`);
  if (!need(doc.jobs && typeof doc.jobs === 'object' && Object.keys(doc.jobs).length > 0, 'no jobs')) continue;
  for (const [id, job] of Object.entries(doc.jobs)) {
    need(/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id), `job id "${id}" is not valid`);
    for (const key of Object.keys(job)) need(JOB_KEYS.has(key), `job ${id}: unknown key "${key}"`);
    need(typeof job['runs-on'] === 'string' || Array.isArray(job['runs-on']), `job ${id}: no runs-on`);
    need(Array.isArray(job.steps) && job.steps.length > 0, `job ${id}: no steps`);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const label = `job ${id}, step ${index + 1}${step.name ? ` (${step.name})` : ''}`;
      for (const key of Object.keys(step)) need(STEP_KEYS.has(key), `${label}: unknown key "${key}"`);
      need('uses' in step !== 'run' in step, `${label}: needs exactly one of uses and run`);
      if ('uses' in step) need(/^[\w.-]+\/[\w./-]+@[\w.-]+$/.test(step.uses), `${label}: uses "${step.uses}" is not owner/repo@ref`);
      if ('run' in step) need(typeof step.run === 'string' && step.run.trim() !== '', `${label}: empty run`);
      const text = JSON.stringify(step);
      for (const expression of text.match(/\$\{\{[^}]*\}\}/g) ?? []) {
        need(
          /^\$\{\{\s*(matrix|runner|github|env|steps|secrets|inputs|needs|vars)\.[\w.-]+\s*\}\}$/.test(expression),
          `${label}: expression ${expression} is not one this check knows`,
        );
      }
    }
    const matrix = job.strategy?.matrix;
    if (matrix) matrixRuns.push({ os: matrix.os ?? [], node: (matrix.node ?? []).map(String) });
  }
}

const covered = (key, wanted) => wanted.every((value) => matrixRuns.some((run) => run[key].includes(value)));
if (!covered('os', ['ubuntu-latest', 'macos-latest', 'windows-latest'])) problems.push('no job matrix covers ubuntu, macOS and Windows');
if (!covered('node', ['20', '22'])) problems.push('no job matrix covers Node 20 and 22');

for (const problem of problems) console.error(`workflow check: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`workflow check: ${files.length} workflow(s) valid (${files.join(', ')}); they run on hosted CI only, not here`);
