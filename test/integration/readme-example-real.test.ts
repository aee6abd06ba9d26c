/**
 * README's first example, exactly as written, run as an ES module against the real pcscd with the
 * seed's virtual card behind vpcd. Only the package name is pointed at this checkout's sources.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withHarness } from '../harness/with-harness';
import { readmeExampleOutput, readmeFirstExample } from '../fixtures/readme-example';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const LIMIT_MS = 60_000;

jest.setTimeout(LIMIT_MS + 10_000);

const harness = withHarness();

/** The example with `from 'resilient-pcsc'` (and its subpaths) resolved to the sources here. */
function againstSources(example: string): string {
  const rewritten = example.replace(/from '(resilient-pcsc)(\/[a-z-]+)?'/g, (_, _name: string, subpath: string | undefined) => {
    const entry = subpath === undefined ? 'index.ts' : `${subpath.slice(1)}/index.ts`;
    return `from ${JSON.stringify(join(ROOT, 'src', entry))}`;
  });
  if (rewritten === example) throw new Error("README's first example does not import resilient-pcsc");
  return rewritten;
}

describe("README's first example", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'readme-example-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('runs as written and prints the seed applet’s answers', async () => {
    const script = join(directory, 'readme-example.mts');
    writeFileSync(script, againstSources(readmeFirstExample()));
    const { stdout, stderr } = await promisify(execFile)(TSX, [script], { cwd: directory, timeout: LIMIT_MS });
    expect(stderr).toBe('');
    expect(stdout.trimEnd().split('\n')).toEqual(readmeExampleOutput(harness.readerName));
  });
});
