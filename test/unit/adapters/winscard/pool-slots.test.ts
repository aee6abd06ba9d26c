import { PoolSlots } from '../../../../src/adapters/winscard/pool-slots';

const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);

describe('PoolSlots', () => {
  it('grants up to its limit at once and queues the rest in arrival order', async () => {
    const slots = new PoolSlots(2);
    const [a, b, c, d] = [slots.request(), slots.request(), slots.request(), slots.request()];
    expect([await settled(a.granted), await settled(b.granted), await settled(c.granted), await settled(d.granted)]).toEqual([
      true,
      true,
      'pending',
      'pending',
    ]);
    b.release();
    expect([await settled(c.granted), await settled(d.granted)]).toEqual([true, 'pending']);
    a.release();
    expect(await settled(d.granted)).toBe(true);
  });

  it('a queued request that is abandoned answers false and never takes a slot', async () => {
    const slots = new PoolSlots(1);
    const holder = slots.request();
    const abandoned = slots.request();
    const next = slots.request();
    abandoned.release();
    expect(await abandoned.granted).toBe(false);
    holder.release();
    expect(await settled(next.granted)).toBe(true);
    const after = slots.request();
    expect(await settled(after.granted)).toBe('pending');
  });

  it('releasing twice frees one slot only', async () => {
    const slots = new PoolSlots(1);
    const first = slots.request();
    const second = slots.request();
    const third = slots.request();
    first.release();
    first.release();
    expect([await settled(second.granted), await settled(third.granted)]).toEqual([true, 'pending']);
  });
});
