/** On the 'pcscd' driver, idle sockets do not hold the event loop (a program that forgets close() still ends), yet a program awaiting the next event stays until it comes. */
import { join } from 'node:path';
import { runFixture } from '../harness/run-fixture';
import { withHarness } from '../harness/with-harness';

/** Generous: the fixture needs about a second; a process held by a socket never ends. */
const EXIT_LIMIT_MS = 30_000;

jest.setTimeout(EXIT_LIMIT_MS + 10_000);
const harness = withHarness();

it("a program that opens the 'pcscd' driver, transmits, polls and never closes, ends by itself", async () => {
  const run = await runFixture(join(__dirname, 'fixtures', 'forgets-to-close.ts'), [harness.readerName], EXIT_LIMIT_MS);
  expect(run).toEqual({ exited: true, code: 0, output: 'transmitted 9000, left everything open\n' });
});

it("a program on the 'pcscd' driver awaiting the next event stays until it comes", async () => {
  let removal: Promise<void> | undefined;
  const run = await runFixture(join(__dirname, 'fixtures', 'awaits-card-removal.ts'), [], EXIT_LIMIT_MS, (stdout) => {
    if (stdout.includes('waiting\n')) removal ??= harness.removeCard();
  });
  await removal;
  expect(run).toEqual({ exited: true, code: 0, output: `waiting\ncard-removed ${harness.readerName}\n` });
});
