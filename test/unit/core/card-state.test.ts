import { cardStateName } from '../../../src/core/card-state';
import { SCARD_ABSENT, SCARD_NEGOTIABLE, SCARD_POWERED, SCARD_PRESENT, SCARD_SPECIFIC } from '../../../src/driver/scard-constants';

describe('card state names', () => {
  it('name the furthest stage SCardStatus reports, ignoring the event counter', () => {
    expect(cardStateName((3 << 16) | SCARD_PRESENT | SCARD_POWERED | SCARD_NEGOTIABLE)).toBe('negotiable');
    expect(cardStateName(SCARD_PRESENT | SCARD_POWERED | SCARD_SPECIFIC)).toBe('specific');
    expect(cardStateName(SCARD_PRESENT)).toBe('present');
    expect(cardStateName(SCARD_ABSENT)).toBe('absent');
    expect(cardStateName(0)).toBe('unknown');
  });
});
