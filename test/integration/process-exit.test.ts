/**
 * A process that closes its PC/SC clients must be able to end, and closing must not block.
 * Both native bindings run threads that, closed at the wrong moment, keep the event loop alive
 * (`pcsclite`) or block it until a pending SCardGetStatusChange ends (`smartcard`). The fixture
 * closes clients at those moments and then simply returns.
 */
import { join } from 'node:path';
import { withHarness } from '../harness/with-harness';
import { REAL_DRIVERS } from '../harness/drivers';
import { runToExit, type ExitRun } from '../harness/run-to-exit';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const FIXTURE = join(__dirname, 'fixtures', 'open-and-dispose.ts');
const ROUNDS = 20;
/** Generous: the fixture needs about a second; a client that cannot end never does. */
const EXIT_LIMIT_MS = 30_000;

jest.setTimeout(EXIT_LIMIT_MS + 10_000);

const harness = withHarness();

describe.each(REAL_DRIVERS)('closing clients at awkward moments (%s)', (binding) => {
  let run: ExitRun;

  beforeAll(async () => {
    run = await runToExit(TSX, [FIXTURE, binding, harness.readerName, String(ROUNDS)], ROOT, EXIT_LIMIT_MS);
  });

  it('the process ends by itself, without errors', () => {
    expect(run).toMatchObject({ exited: true, code: 0 });
  });

  it('a status-change call pending at close ends as cancelled or with its answer, never a broken channel', () => {
    const line = run.output.split('\n').find((candidate) => candidate.startsWith('driver: '));
    expect(line).toBeDefined();
    const endings = [...(line ?? '').matchAll(/(SCARD_\w+) x(\d+)/g)];
    expect(endings.reduce((sum, [, , count]) => sum + Number(count), 0)).toBe(ROUNDS);
    expect(endings.map(([, name]) => name).filter((name) => name !== 'SCARD_E_CANCELLED' && name !== 'SCARD_S_SUCCESS')).toEqual([]);
  });

  it('every public Pcsc with a running monitor closed', () => {
    expect(run.output).toContain(`api: ${ROUNDS} closed`);
  });
});
