/**
 * The differential run's comparison on fixed observation lists: a world that answers differently
 * from the simulator must be reported, or the random run could never fail.
 */
import { firstDivergence } from './divergence';
import type { Step } from './steps';
import { SELECT_BYTES } from '../fixtures/seed';

const STEPS: readonly Step[] = [
  { op: 'establish', app: 0 },
  { op: 'connect', app: 0, reader: 0, share: 'shared', protocols: 'any' },
  { op: 'transmit', app: 0, handle: -1, command: 'select' },
];
const SIMULATOR = ['OK', 'OK T1', `OK 9000 card0[${Buffer.from(SELECT_BYTES).toString('hex')}>9000]`];

describe('firstDivergence', () => {
  it('finds nothing when every step is observed alike', () => {
    expect(firstDivergence('pcscd', STEPS, SIMULATOR, [...SIMULATOR])).toBeUndefined();
  });

  it('names the first step a broken world answers differently, with both answers', () => {
    const broken = ['OK', 'OK T0', 'SCARD_E_PROTO_MISMATCH/ProtocolMismatchError'];
    const divergence = firstDivergence('pcscd', STEPS, SIMULATOR, broken);
    expect(divergence?.index).toBe(1);
    expect(divergence?.report).toContain('>> 1: ');
    expect(divergence?.report).toContain('pcscd: OK T0 | simulator: OK T1');
  });

  it('reports a step only one side observed', () => {
    expect(firstDivergence('pcscd', STEPS, SIMULATOR, SIMULATOR.slice(0, 2))?.index).toBe(2);
    expect(firstDivergence('pcscd', STEPS.slice(0, 2), SIMULATOR.slice(0, 2), [...SIMULATOR.slice(0, 2), 'then OK'])?.index).toBe(2);
  });

  it("lets through only pcscd's own race after a release: the connect that waited for the lock", () => {
    const steps: readonly Step[] = [
      { op: 'connect', app: 0, reader: 0, share: 'exclusive', protocols: 'any' },
      { op: 'release-then', app: 0, next: { op: 'connect', app: 1, reader: 0, share: 'exclusive', protocols: 'any' } },
    ];
    const simulator = ['OK T1', 'BLOCKED', 'then OK T1'];
    const raced = ['OK T1', 'BLOCKED', 'then SCARD_E_SHARING_VIOLATION/SharingViolationError'];
    expect(firstDivergence('pcscd', steps, simulator, raced)).toBeUndefined();
    expect(firstDivergence('pcscd', steps, simulator, ['OK T1', 'BLOCKED', 'then SCARD_E_NO_SMARTCARD/NoSmartcardError'])?.index).toBe(2);
    expect(firstDivergence('pcscd', steps, ['OK T1', 'OK T1'], ['OK T1', 'SCARD_E_SHARING_VIOLATION/SharingViolationError'])?.index).toBe(1);
  });

  it('lets a waiting connect report the protocol negotiated before the release reset the card, and no other', () => {
    const waitingWith = (share: 'direct' | 'shared', protocols: 'T0' | 'T1' | 'any' | 'raw'): readonly Step[] => [
      { op: 'connect', app: 0, reader: 1, share: 'exclusive', protocols: 'T0' },
      { op: 'reconnect', app: 0, handle: -1, share: 'shared', protocols: 'T0', initialization: 'leave' },
      { op: 'connect', app: 1, reader: 1, share, protocols },
    ];
    const t0Negotiated = [
      [0, 0],
      [0, 1],
      [0, 1],
    ] as const;
    const simulator = (answer: string): string[] => ['OK h0 p1', 'OK p1', 'BLOCKED', answer];
    const direct = waitingWith('direct', 'T0');
    expect(firstDivergence('winscard', direct, simulator('then OK h0 p0'), simulator('then OK h0 p1'), t0Negotiated)).toBeUndefined();
    expect(firstDivergence('winscard', direct, simulator('then OK h0 p0'), simulator('then OK h0 p2'), t0Negotiated)?.index).toBe(3);
    expect(firstDivergence('winscard', direct, simulator('then OK h0 p0'), simulator('then OK h1 p1'), t0Negotiated)?.index).toBe(3);
    expect(
      firstDivergence('winscard', direct, simulator('then OK h0 p0'), simulator('then OK h0 p1'), [
        [0, 0],
        [0, 0],
        [0, 0],
      ])?.index,
    ).toBe(3);
    expect(firstDivergence('winscard', direct, simulator('then OK h0 p0'), simulator('then OK h0 p1'))?.index).toBe(3);
    expect(firstDivergence('winscard', waitingWith('direct', 'raw'), simulator('then OK h0 p4'), simulator('then OK h0 p1'), t0Negotiated)?.index).toBe(3);
    expect(firstDivergence('winscard', waitingWith('shared', 'any'), simulator('then OK h0 p2'), simulator('then OK h0 p1'), t0Negotiated)).toBeUndefined();
    expect(firstDivergence('winscard', waitingWith('shared', 'T1'), simulator('then OK h0 p2'), simulator('then OK h0 p1'), t0Negotiated)?.index).toBe(3);
    const report = firstDivergence('winscard', direct, simulator('then OK h0 p0'), simulator('then OK h0 p2'), t0Negotiated)?.report;
    expect(report).toContain('>> 3: the waiting call -> winscard: then OK h0 p2 | simulator: then OK h0 p0');
  });
});
