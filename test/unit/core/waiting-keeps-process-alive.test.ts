/**
 * A program whose only pending work is awaiting the library (the next event, a card) keeps
 * running until it comes, whichever driver it uses: a driver that holds nothing while it waits
 * (the 'pcscd' driver's sockets, the simulator) must not let such a program end early.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'awaits-events.ts');

jest.setTimeout(120_000);

function run(mode: 'events' | 'waitForCard'): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', FIXTURE, mode], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

it('a program awaiting the next event from pcsc.events() stays until the event comes', () => {
  expect(run('events')).toEqual({ status: 0, stdout: 'card-removed Reader 00 00\n', stderr: '' });
});

it('a program awaiting pcsc.waitForCard() stays until the card comes', () => {
  expect(run('waitForCard')).toEqual({ status: 0, stdout: 'card-inserted Reader 00 00\n', stderr: '' });
});
