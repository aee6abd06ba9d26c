import type { ContextId, HandleId, PcscDriver } from '../../driver/pcsc-driver';
import { getPcsc } from '../context';

/**
 * The contexts and card handles of PySCard's low-level functions. Each number handed out names the
 * driver it came from (configure() may change the driver between calls), so a number from one
 * driver is never mistaken for another's.
 */
export interface LiveContext {
  readonly driver: PcscDriver;
  readonly id: ContextId;
}

export interface LiveCard {
  readonly driver: PcscDriver;
  /** The number of the context it was connected through. */
  readonly context: number;
  readonly id: HandleId;
}

const contexts = new Map<number, LiveContext>();
const cards = new Map<number, LiveCard>();
let nextNumber = 1;

/** The driver of the facade's shared Pcsc, with the quirk workarounds. */
export async function currentDriver(): Promise<PcscDriver> {
  return (await getPcsc()).driver;
}

export function addContext(context: LiveContext): number {
  const key = nextNumber++;
  contexts.set(key, context);
  return key;
}

export function findContext(key: number): LiveContext | undefined {
  return contexts.get(key);
}

/** Forgets a context and the card handles connected through it. */
export function removeContext(key: number): void {
  contexts.delete(key);
  for (const [cardKey, card] of cards) if (card.context === key) cards.delete(cardKey);
}

export function addCard(card: LiveCard): number {
  const key = nextNumber++;
  cards.set(key, card);
  return key;
}

export function findCard(key: number): LiveCard | undefined {
  return cards.get(key);
}

export function removeCard(key: number): void {
  cards.delete(key);
}
