import { judgeReader } from '../../../../src/adapters/pcscd/reader-state-rules';
import type { PcscdReader } from '../../../../src/adapters/pcscd/reader-table';
import {
  SCARD_ABSENT,
  SCARD_POWERED,
  SCARD_PRESENT,
  SCARD_STATE_CHANGED,
  SCARD_STATE_EMPTY,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_INUSE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNKNOWN,
} from '../../../../src/driver/scard-constants';

const ATR = Uint8Array.of(0x3b, 0x00);
const present = (sharing = 0, eventCounter = 3): PcscdReader => ({
  name: 'R',
  eventCounter,
  readerState: SCARD_PRESENT | SCARD_POWERED,
  sharing,
  atr: ATR,
  protocol: 2,
});
const NONE = new Uint8Array(0);

describe("SCardGetStatusChange's comparison, done on the client as libpcsclite does", () => {
  it('an unaware caller always gets an answer, with the event counter in the upper 16 bits', () => {
    expect(judgeReader(0, 0, NONE, present())).toEqual({ eventState: (3 << 16) | SCARD_STATE_PRESENT | SCARD_STATE_CHANGED, atr: ATR, changed: true });
  });

  it('the same state and counter is no change; another counter is one', () => {
    const known = (3 << 16) | SCARD_STATE_PRESENT;
    expect(judgeReader(known, 0, NONE, present()).changed).toBe(false);
    expect(judgeReader(known, 0, NONE, present(0, 4)).changed).toBe(true);
  });

  it('a removal clears the ATR and sets EMPTY', () => {
    const absent: PcscdReader = { ...present(), readerState: SCARD_ABSENT, atr: NONE };
    expect(judgeReader(SCARD_STATE_PRESENT, 0, NONE, absent)).toEqual({
      eventState: (3 << 16) | SCARD_STATE_EMPTY | SCARD_STATE_CHANGED,
      atr: NONE,
      changed: true,
    });
  });

  it('reports EXCLUSIVE and INUSE from the sharing count, and a change between them', () => {
    expect(judgeReader(SCARD_STATE_PRESENT | SCARD_STATE_INUSE, 0, NONE, present(-1)).eventState & (SCARD_STATE_EXCLUSIVE | SCARD_STATE_CHANGED)).toBe(
      SCARD_STATE_EXCLUSIVE | SCARD_STATE_CHANGED,
    );
    expect(judgeReader(SCARD_STATE_PRESENT, 0, NONE, present(2)).eventState & SCARD_STATE_INUSE).toBe(SCARD_STATE_INUSE);
  });

  it('a reader that went away is UNKNOWN | UNAVAILABLE, a change only for a caller that did not know', () => {
    expect(judgeReader(SCARD_STATE_PRESENT, 0, NONE, undefined)).toMatchObject({
      eventState: SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_CHANGED,
      changed: true,
    });
    expect(judgeReader(SCARD_STATE_UNKNOWN, 0, NONE, undefined).changed).toBe(false);
  });
});
