import type { VirtualCard, VpcdCard } from '../../src/testing';

/** The card as vpcd sees it, minus the command log: a benchmark sends millions of commands. */
export function unloggedCard(card: VirtualCard): VpcdCard {
  return {
    atr: card.atr,
    reset: () => card.reset(),
    process: (command) => {
      const response = card.process(command);
      card.log.length = 0;
      return response;
    },
  };
}
