import type { CardConnectionEvent } from './card-connection-event';
import type { Observer } from './observer';
import { print } from './python-text';
import { toHexString } from './util/hex-string';

/** Anything CardConnectionObserver.update receives as the connection. */
export interface ObservedConnection {
  /** The name of the connection's reader. */
  getReader(): string;
}

/** Base class for objects notified of a CardConnection's events; override update(). */
export class CardConnectionObserver implements Observer<ObservedConnection, CardConnectionEvent> {
  /** Called with the connection and each event; does nothing here. */
  update(_cardconnection: ObservedConnection, _ccevent: CardConnectionEvent): void {
    // Subclasses react to events.
  }
}

function hexByte(value: unknown): string {
  return toHexString([Number(value)]);
}

/** Prints each event to stdout the way PySCard's ConsoleCardConnectionObserver does. */
export class ConsoleCardConnectionObserver extends CardConnectionObserver {
  /** Prints the event: connecting/disconnecting lines, '> command' and '< data SW1 SW2'. */
  override update(cardconnection: ObservedConnection, ccevent: CardConnectionEvent): void {
    const args = ccevent.args ?? [];
    switch (ccevent.type) {
      case 'connect':
        print(`connecting to ${cardconnection.getReader()}`);
        break;
      case 'reconnect':
        print(`reconnecting to ${cardconnection.getReader()}`);
        break;
      case 'disconnect':
        print(`disconnecting from ${cardconnection.getReader()}`);
        break;
      case 'release':
        print(`release from ${cardconnection.getReader()}`);
        break;
      case 'command':
        print(`> ${toHexString(args[0] as readonly number[])}`);
        break;
      case 'response': {
        const data = args[0] as readonly number[];
        const sw = `${hexByte(args[args.length - 2])} ${hexByte(args[args.length - 1])}`;
        print(data.length === 0 ? `<  [] ${sw}` : `< ${toHexString(data)} ${sw}`);
        break;
      }
      default:
        break;
    }
  }
}
