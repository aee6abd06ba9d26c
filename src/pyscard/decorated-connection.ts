import type { CardConnection } from './card-connection';
import { CardConnectionDecorator } from './card-connection-decorator';

/** The connection under every decorator: the one that holds the PC/SC handle. */
export function decoratedConnection(connection: CardConnection): CardConnection {
  let component = connection;
  while (component instanceof CardConnectionDecorator) component = component.component;
  return component;
}
