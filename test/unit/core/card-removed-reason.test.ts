import { diffReaders } from '../../../src/core/monitor/reader-diff';
import type { ReaderInfo } from '../../../src/core/reader-info';
import { SCARD_STATE_EMPTY, SCARD_STATE_EVENT_COUNTER_SHIFT, SCARD_STATE_PRESENT } from '../../../src/driver/scard-constants';

const NAME = 'Reader 0';

function reader(atr: number[] | undefined, counter: number): ReaderInfo {
  const state = atr ? SCARD_STATE_PRESENT : SCARD_STATE_EMPTY;
  return {
    name: NAME,
    state: atr ? 'present' : 'empty',
    atr: atr ? Uint8Array.from(atr) : undefined,
    eventState: (counter << SCARD_STATE_EVENT_COUNTER_SHIFT) | state,
  };
}

function removals(before: ReaderInfo | undefined, after: ReaderInfo | undefined, serviceRestarted = false): unknown[] {
  const map = (info: ReaderInfo | undefined): Map<string, ReaderInfo> => new Map(info ? [[NAME, info]] : []);
  return diffReaders(map(before), map(after), { serviceRestarted })
    .filter((change) => change.type === 'card-removed')
    .map((change) => (change.type === 'card-removed' ? { state: change.reader.state, reason: change.reason } : undefined));
}

describe("'card-removed' reasons", () => {
  it("'removed' when the reader is empty now", () => {
    expect(removals(reader([0x3b, 0x00], 1), reader(undefined, 2))).toEqual([{ state: 'empty', reason: 'removed' }]);
    expect(removals(reader([0x3b, 0x00], 1), reader(undefined, 0), true)).toEqual([{ state: 'empty', reason: 'removed' }]);
  });

  it("'replaced' when another card came in between two looks", () => {
    expect(removals(reader([0x3b, 0x00], 1), reader([0x3b, 0x01], 3))).toEqual([{ state: 'present', reason: 'replaced' }]);
  });

  it("'service-restarted' when a card stayed while the service restarted", () => {
    expect(removals(reader([0x3b, 0x00], 5), reader([0x3b, 0x00], 1), true)).toEqual([{ state: 'present', reason: 'service-restarted' }]);
  });

  it("'reader-detached' when the reader went away with the card", () => {
    expect(removals(reader([0x3b, 0x00], 1), undefined)).toEqual([{ state: 'empty', reason: 'reader-detached' }]);
  });
});
