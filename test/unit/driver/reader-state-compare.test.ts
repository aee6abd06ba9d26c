import { markChanged, pnpStateDiffers, queryStateDiffers, readerStateDiffers } from '../../../src/driver/reader-state-compare';
import {
  PNP_NOTIFICATION_READER,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_EVENT_COUNTER_SHIFT,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAWARE,
} from '../../../src/driver/scard-constants';

const readers = (count: number): number => count << SCARD_STATE_EVENT_COUNTER_SHIFT;

describe('reader state comparison', () => {
  it('a real reader differs for an unaware caller, other flags or another event counter', () => {
    expect(readerStateDiffers(SCARD_STATE_UNAWARE, SCARD_STATE_EMPTY)).toBe(true);
    expect(readerStateDiffers(SCARD_STATE_EMPTY, SCARD_STATE_PRESENT)).toBe(true);
    expect(readerStateDiffers(SCARD_STATE_EMPTY | readers(1), SCARD_STATE_EMPTY | readers(2))).toBe(true);
    expect(readerStateDiffers(SCARD_STATE_EMPTY | readers(1), SCARD_STATE_EMPTY | readers(1))).toBe(false);
  });

  it('the PnP pseudo-reader compares its reader count only: no reader is a state, not "unaware"', () => {
    expect(pnpStateDiffers(readers(0), readers(0))).toBe(false);
    expect(queryStateDiffers(PNP_NOTIFICATION_READER, SCARD_STATE_UNAWARE, readers(0))).toBe(false);
    expect(queryStateDiffers(PNP_NOTIFICATION_READER, readers(2), readers(2))).toBe(false);
    expect(queryStateDiffers(PNP_NOTIFICATION_READER, readers(0), readers(1))).toBe(true);
    expect(markChanged(readers(0), readers(0), PNP_NOTIFICATION_READER)).toBe(readers(0));
    expect(markChanged(readers(1), readers(0), PNP_NOTIFICATION_READER)).toBe(readers(0) | SCARD_STATE_CHANGED);
  });
});
