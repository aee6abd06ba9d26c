import { VirtualCard } from '../../../src/testing';

function echoCard(logLimit?: number): VirtualCard {
  return new VirtualCard({ atr: '3B 80 80 01 01', respond: (apdu) => [apdu[1] ?? 0, 0x90, 0x00], logLimit });
}

describe('VirtualCard command log', () => {
  it('keeps every command up to its limit, and at least the latest `logLimit` after it', () => {
    const card = echoCard(5);
    for (let i = 0; i < 4; i++) card.process(Uint8Array.of(0x00, i, 0, 0));
    expect(card.log.map((entry) => entry.command[1])).toEqual([0, 1, 2, 3]);
    for (let i = 4; i < 23; i++) card.process(Uint8Array.of(0x00, i, 0, 0));
    expect(card.commandCount).toBe(23);
    expect(card.log.length).toBeGreaterThanOrEqual(5);
    expect(card.log.length).toBeLessThan(10);
    expect(card.log.at(-1)?.command[1]).toBe(22);
    const kept = card.log.map((entry) => entry.command[1] ?? -1);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 23 - kept.length + i));
  });

  it('bounds the log by default and refuses a limit that is not a positive integer', () => {
    const card = echoCard();
    for (let i = 0; i < 25_000; i++) card.process(Uint8Array.of(0x00, i & 0xff, 0, 0));
    expect(card.commandCount).toBe(25_000);
    expect(card.log.length).toBeLessThan(20_000);
    expect(() => echoCard(0)).toThrow(RangeError);
    expect(() => echoCard(1.5)).toThrow(RangeError);
  });
});
