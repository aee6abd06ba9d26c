import type { CardConnection } from './card-connection';

/** A card service bound to a connection (smartcard.CardService). */
export class CardService {
  constructor(
    readonly connection: CardConnection,
    readonly cardname?: string,
  ) {}

  static supports(_cardname: string): boolean {
    return false;
  }
}

/** The card service CardRequest returns by default: the bare connection, for every card. */
export class PassThruCardService extends CardService {
  static override supports(_cardname: string): boolean {
    return true;
  }
}

/** A CardService class, as CardRequest's `cardServiceClass` takes it. */
export interface CardServiceClass {
  new (connection: CardConnection, cardname?: string): CardService;
  supports(cardname: string): boolean;
}
