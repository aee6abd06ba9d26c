import type { CardConnection } from './card-connection';

/** A card service bound to a connection (smartcard.CardService). */
export class CardService {
  constructor(
    /** The connection to the card the service works on; a decorator may take its place, as in PySCard. */
    public connection: CardConnection,
    /** The card's name, when known. */
    readonly cardname?: string,
  ) {}

  /** Whether this service works with the card named `cardname`; the base service supports none. */
  static supports(_cardname: string): boolean {
    return false;
  }
}

/** The card service CardRequest returns by default: the bare connection, for every card. */
export class PassThruCardService extends CardService {
  /** Every card: true. */
  static override supports(_cardname: string): boolean {
    return true;
  }
}

/** A CardService class, as CardRequest's `cardServiceClass` takes it. */
export interface CardServiceClass {
  /** Builds the service on a connection to the card. */
  new (connection: CardConnection, cardname?: string): CardService;
  /** Whether the service works with the card named `cardname`. */
  supports(cardname: string): boolean;
}
