import { SerialQueue } from '../../../src/driver/serial-queue';

/** A job the test finishes by hand, recording when it started. */
function manualJob(name: string, started: string[]): { run: () => Promise<string>; finish: () => void; fail: (error: Error) => void } {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  return {
    run: () => {
      started.push(name);
      return new Promise<string>((resolve, reject) => {
        finish = () => resolve(name);
        fail = reject;
      });
    },
    finish: () => finish(),
    fail: (error) => fail(error),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SerialQueue', () => {
  it('starts an idle job at once and the next one only after it finished, in arrival order', async () => {
    const queue = new SerialQueue();
    const started: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => manualJob(name, started)) as [
      ReturnType<typeof manualJob>,
      ReturnType<typeof manualJob>,
      ReturnType<typeof manualJob>,
    ];
    const results = [queue.run(a.run), queue.run(b.run), queue.run(c.run)];
    expect(started).toEqual(['a']);
    expect(queue.idle).toBe(false);
    await settle();
    expect(started).toEqual(['a']);
    a.finish();
    await settle();
    expect(started).toEqual(['a', 'b']);
    b.finish();
    await settle();
    c.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(queue.idle).toBe(true);
  });

  it('passes a rejection to its caller and goes on with the next job', async () => {
    const queue = new SerialQueue();
    const started: string[] = [];
    const failing = manualJob('failing', started);
    const next = manualJob('next', started);
    const first = queue.run(failing.run);
    const second = queue.run(next.run);
    failing.fail(new Error('card said no'));
    await expect(first).rejects.toThrow('card said no');
    next.finish();
    await expect(second).resolves.toBe('next');
    expect(queue.idle).toBe(true);
  });

  it('turns a job that throws instead of rejecting into a rejection and frees the queue', async () => {
    const queue = new SerialQueue();
    const result = queue.run((): Promise<never> => {
      throw new TypeError('bad job');
    });
    expect(queue.idle).toBe(true);
    await expect(result).rejects.toThrow(TypeError);
    await expect(queue.run(async () => 'after')).resolves.toBe('after');
  });

  it('lets no newcomer slip in between a finished job and the one waiting for it', async () => {
    const queue = new SerialQueue();
    const started: string[] = [];
    const first = manualJob('first', started);
    const waiting = manualJob('waiting', started);
    const newcomer = manualJob('newcomer', started);
    const results = [queue.run(first.run), queue.run(waiting.run)];
    first.finish();
    // Arrives after the first job settled but before the waiting job had its turn.
    await Promise.resolve();
    results.push(queue.run(newcomer.run));
    await settle();
    expect(started).toEqual(['first', 'waiting']);
    waiting.finish();
    await settle();
    newcomer.finish();
    expect(await Promise.all(results)).toEqual(['first', 'waiting', 'newcomer']);
  });
});
