import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

async function runExample(script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(TSX, [join(ROOT, 'examples', script), '--simulate', '--personality', 'darwin-15'], {
    cwd: ROOT,
    timeout: 60_000,
  });
  return stdout;
}

describe('examples on the simulated El Capitan give the Debian result', () => {
  it('sharing.ts: a shared connect to an exclusively held card is a sharing violation', async () => {
    expect(await runExample('sharing.ts')).toContain('Second connect: SharingViolationError SCARD_E_SHARING_VIOLATION');
  }, 60_000);

  it('reset-loop.ts: the loop ends with the reset error and never prints 69 85', async () => {
    const output = await runExample('reset-loop.ts');
    expect(output.match(/Command: 90 00/g)).toHaveLength(3);
    expect(output).not.toContain('69 85');
    expect(output).toContain('Failed: CardResetError SCARD_W_RESET_CARD');
  }, 60_000);

  it('fork.ts: the child gets ForkedContextError with the worker advice', async () => {
    const output = await runExample('fork.ts');
    expect(output).toContain('Child context: ForkedContextError SCARD_E_NO_SERVICE');
    expect(output).toContain("isolation: 'worker'");
  }, 60_000);
});
