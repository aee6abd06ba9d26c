import { seedTestApplet, type VirtualCard } from '../../src/testing';
import { startRemoteCard } from './remote-card';

/** Where the card behind the real pcscd runs. */
export type CardPlacement = 'own-process' | 'in-process';

export interface PlacedCard {
  /** Cards living in this process, whose logs grow with every command. */
  readonly localCards: readonly VirtualCard[];
  remove(): Promise<void>;
}

/** Puts the seed test applet into vpcd slot `port` and resolves once pcscd has powered it up. */
export async function placeCard(placement: CardPlacement, port: number): Promise<PlacedCard> {
  if (placement === 'own-process') {
    const remote = await startRemoteCard(port);
    return { localCards: [], remove: () => remote.stop() };
  }
  const card = seedTestApplet();
  const attachment = await card.attachToVpcd({ port });
  await attachment.whenActivated();
  return { localCards: [card], remove: () => attachment.remove() };
}
