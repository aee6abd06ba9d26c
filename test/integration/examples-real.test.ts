/**
 * The examples' default mode: the first reader of the real PC/SC service (here our pcscd with the
 * vpcd reader and the seed's test applet), through the default driver. Each must print the seed's
 * "Expected result (on Debian)" and end by itself.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withHarness } from '../harness/with-harness';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const LIMIT_MS = 60_000;

async function runExample(script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(TSX, [join(ROOT, 'examples', script)], { cwd: ROOT, timeout: LIMIT_MS });
  return stdout;
}

jest.setTimeout(LIMIT_MS + 10_000);

const harness = withHarness();

describe('examples on the real pcscd', () => {
  it('sharing.ts: a shared connect to an exclusively held card is a sharing violation', async () => {
    const output = await runExample('sharing.ts');
    expect(output).toContain(`Using: ${harness.readerName}`);
    expect(output).toContain('Second connect: SharingViolationError SCARD_E_SHARING_VIOLATION');
  });

  it('reset-loop.ts: three answers, then the reset error; no command reaches the reset card', async () => {
    const output = await runExample('reset-loop.ts');
    expect(output.match(/Command: 90 00/g)).toHaveLength(3);
    expect(output).not.toContain('69 85');
    expect(output).toContain('Failed: CardResetError SCARD_W_RESET_CARD');
  });

  it('fork.ts: on pcsc-lite the child application gets a working context of its own', async () => {
    const output = await runExample('fork.ts');
    expect(output).toContain('Child context: works');
  });
});
