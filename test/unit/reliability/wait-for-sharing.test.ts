import { Pcsc } from '../../../src/compose/pcsc';
import { withDeadline } from '../../../src/core/deadline';
import { AbortedError, SharingViolationError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';
import { SELECT } from '../../fixtures/seed';

const READER = 'Reader A 00 00';

describe('connect with waitForSharing (simulator, two applications)', () => {
  const opened: Pcsc[] = [];
  let sim: SimulatedPcsc;
  let holder: Pcsc;
  let waiter: Pcsc;

  beforeEach(async () => {
    sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader A').insert(appletCard());
    holder = await Pcsc.open({ driver: sim.driver() });
    waiter = await Pcsc.open({ driver: sim.driver() });
    opened.push(holder, waiter);
  });
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  it('connects once the other application lets go of its exclusive connection', async () => {
    const exclusive = await holder.connect(READER, { share: 'exclusive' });
    setTimeout(() => void exclusive.disconnect(), 150);
    const card = await waiter.connect(READER, { waitForSharing: 5000 });
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
  });

  it('without waitForSharing, or once the wait is over, reports the sharing violation', async () => {
    await holder.connect(READER, { share: 'exclusive' });
    await expect(waiter.connect(READER)).rejects.toBeInstanceOf(SharingViolationError);
    await expect(waiter.connect(READER, { waitForSharing: 120 })).rejects.toBeInstanceOf(SharingViolationError);
  });

  it('stops waiting when the signal aborts, with the abort reason', async () => {
    await holder.connect(READER, { share: 'exclusive' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user gave up')), 80);
    const connecting = waiter.connect(READER, { waitForSharing: 10_000, signal: controller.signal });
    await expect(connecting).rejects.toBeInstanceOf(AbortedError);
    await expect(connecting).rejects.toMatchObject({ cause: { message: 'user gave up' } });
  });
});

describe('withDeadline: a result that arrives after the caller gave up', () => {
  it('is handed to the late handler instead of being left open, and the caller sees the abort', async () => {
    const controller = new AbortController();
    const released: string[] = [];
    let finishConnect: (handle: string) => void = () => undefined;
    const connecting = withDeadline(
      'SCardConnect',
      { signal: controller.signal },
      () => new Promise<string>((resolve) => (finishConnect = resolve)),
      (late) => released.push(late),
    );
    const reason = new Error('gave up');
    controller.abort(reason);
    await expect(connecting).rejects.toBeInstanceOf(AbortedError);
    await expect(connecting).rejects.toMatchObject({ cause: reason });
    finishConnect('handle 7');
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toEqual(['handle 7']);
  });

  it('leaves a result that came in time to the caller', async () => {
    const controller = new AbortController();
    const released: string[] = [];
    const handle = await withDeadline(
      'SCardConnect',
      { signal: controller.signal },
      async () => 'handle 8',
      (late) => released.push(late),
    );
    controller.abort();
    expect(handle).toBe('handle 8');
    expect(released).toEqual([]);
  });
});
