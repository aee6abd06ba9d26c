import { cardLeft } from '../../../src/core/card-left';
import { SCARD_STATE_EMPTY, SCARD_STATE_INUSE, SCARD_STATE_PRESENT } from '../../../src/driver/scard-constants';

const COUNTER = 1 << 16;

/** A reader whose state readings follow `states` (the last one repeats). */
function readings(states: ReadonlyArray<number | undefined>): () => Promise<number | undefined> {
  let index = 0;
  return async () => states[Math.min(index++, states.length - 1)];
}

describe('cardLeft: whether the card left the reader after a broken exchange', () => {
  it('is true at once for an empty reader', async () => {
    expect(await cardLeft(readings([3 * COUNTER + SCARD_STATE_EMPTY]), 0)).toBe(true);
  });

  it('is true when the reader reports the removal within the grace time', async () => {
    const present = 2 * COUNTER + SCARD_STATE_PRESENT + SCARD_STATE_INUSE;
    expect(await cardLeft(readings([present, present, 3 * COUNTER + SCARD_STATE_EMPTY]), 1000)).toBe(true);
  });

  it('is true when the card was swapped: present again, but the event counter moved', async () => {
    const present = 2 * COUNTER + SCARD_STATE_PRESENT;
    expect(await cardLeft(readings([present, 4 * COUNTER + SCARD_STATE_PRESENT]), 1000)).toBe(true);
  });

  it('is false when the same card stays for the whole grace time', async () => {
    const read = jest.fn(readings([2 * COUNTER + SCARD_STATE_PRESENT + SCARD_STATE_INUSE]));
    expect(await cardLeft(read, 120)).toBe(false);
    expect(read.mock.calls.length).toBeGreaterThan(1);
  });

  it('is undefined when the state cannot be read', async () => {
    expect(await cardLeft(readings([undefined]), 1000)).toBeUndefined();
    expect(await cardLeft(readings([SCARD_STATE_PRESENT, undefined]), 1000)).toBeUndefined();
  });
});
