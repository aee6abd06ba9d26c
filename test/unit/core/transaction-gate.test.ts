import { SerialQueue } from '../../../src/driver/serial-queue';
import { TransactionGate } from '../../../src/core/transaction-lock';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SerialQueue', () => {
  it('never runs two jobs at once and keeps arrival order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let running = 0;
    const job = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([queue.run(job('a')), queue.run(job('b')), queue.run(job('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.idle).toBe(true);
  });

  it('moves on after a failing job', async () => {
    const queue = new SerialQueue();
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 7)).resolves.toBe(7);
  });
});

describe('TransactionGate', () => {
  it('holds outsiders until the transaction ends but lets the transaction itself through', async () => {
    const gate = new TransactionGate();
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = gate.run(async () => {
      events.push('tx start');
      await gate.waitTurn();
      events.push('tx inner call');
      await held;
      events.push('tx end');
    });
    await tick();
    const outsider = gate.waitTurn().then(() => events.push('outsider'));
    await tick();
    expect(events).toEqual(['tx start', 'tx inner call']);
    release();
    await Promise.all([transaction, outsider]);
    expect(events).toEqual(['tx start', 'tx inner call', 'tx end', 'outsider']);
  });

  it('serializes two transactions', async () => {
    const gate = new TransactionGate();
    const events: string[] = [];
    const body = (name: string) => async () => {
      events.push(`${name} in`);
      await tick();
      events.push(`${name} out`);
    };
    await Promise.all([gate.run(body('a')), gate.run(body('b')), gate.run(body('c'))]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });
});
