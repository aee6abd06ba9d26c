import { parseArgs } from '../../../bench/args';
import { isCardProcessMessage } from '../../../bench/card/card-protocol';
import { unloggedCard } from '../../../bench/card/unlogged-card';
import { seedTestApplet } from '../../../src/testing';
import { SELECT_APPLET, TEST_COMMAND, TEST_RESPONSE_LENGTH } from '../../../bench/apdu';

describe('the bench card', () => {
  it('answers like the seed applet but keeps no log', () => {
    const card = seedTestApplet();
    const unlogged = unloggedCard(card);
    expect(unlogged.atr).toEqual(card.atr);
    unlogged.reset();
    expect(card.resetCount).toBe(1);
    expect(Array.from(unlogged.process(SELECT_APPLET))).toEqual([0x90, 0x00]);
    const response = unlogged.process(TEST_COMMAND);
    expect(response.length).toBe(TEST_RESPONSE_LENGTH);
    expect(Array.from(response.subarray(-2))).toEqual([0x90, 0x00]);
    expect(card.log).toEqual([]);
  });

  it('forgets the selected applet on reset, as the card it wraps does', () => {
    const unlogged = unloggedCard(seedTestApplet());
    unlogged.process(SELECT_APPLET);
    unlogged.reset();
    expect(Array.from(unlogged.process(TEST_COMMAND))).toEqual([0x69, 0x85]);
  });

  it('tells the card process messages from anything else', () => {
    expect(isCardProcessMessage({ ready: true })).toBe(true);
    expect(isCardProcessMessage({ failed: 'no vpcd' })).toBe(true);
    expect(isCardProcessMessage({ ready: false })).toBe(false);
    expect(isCardProcessMessage({ failed: 3 })).toBe(false);
    expect(isCardProcessMessage('ready')).toBe(false);
    expect(isCardProcessMessage(null)).toBe(false);
  });

  it('runs the card in its own process unless told otherwise', () => {
    expect(parseArgs([]).card).toBe('own-process');
    expect(parseArgs(['--card-in-process']).card).toBe('in-process');
  });
});
