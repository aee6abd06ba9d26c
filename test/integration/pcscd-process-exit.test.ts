/** On the 'pcscd' driver, idle sockets do not hold the event loop (a program that forgets close() still ends), yet a program awaiting the next event stays until it comes. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { withHarness } from '../harness/with-harness';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
/** Generous: the fixture needs about a second; a process held by a socket never ends. */
const EXIT_LIMIT_MS = 30_000;

jest.setTimeout(EXIT_LIMIT_MS + 10_000);
const harness = withHarness();

it("a program that opens the 'pcscd' driver, transmits, polls and never closes, ends by itself", async () => {
  const child = spawn(TSX, [join(__dirname, 'fixtures', 'forgets-to-close.ts'), harness.readerName], { cwd: ROOT });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const ended = await new Promise<{ exited: boolean; code: number | null }>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false, code: null });
    }, EXIT_LIMIT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code });
    });
  });
  expect({ ...ended, output }).toEqual({ exited: true, code: 0, output: 'transmitted 9000, left everything open\n' });
});

it("a program on the 'pcscd' driver awaiting the next event stays until it comes", async () => {
  const child = spawn(TSX, [join(__dirname, 'fixtures', 'awaits-card-removal.ts')], { cwd: ROOT });
  let output = '';
  let removal: Promise<void> | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.includes('waiting\n')) removal ??= harness.removeCard();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const ended = await new Promise<{ exited: boolean; code: number | null }>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false, code: null });
    }, EXIT_LIMIT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code });
    });
  });
  await removal;
  expect({ ...ended, output }).toEqual({ exited: true, code: 0, output: `waiting\ncard-removed ${harness.readerName}\n` });
});
