import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Card, CardBehaviour } from './card';

interface BehaviourOptions {
  readonly onReset?: unknown;
  readonly restore?: unknown;
  readonly getResponse?: unknown;
}

/** The card behaviour a connect asked for; a wrong `onReset`, `restore` or `getResponse` is an InvalidArgumentError. */
export function cardBehaviour(options: BehaviourOptions): CardBehaviour {
  const onReset = options.onReset === undefined ? 'throw' : options.onReset;
  if (onReset !== 'throw' && onReset !== 'reconnect') {
    throw InvalidArgumentError.expected('onReset', "'throw' or 'reconnect'", onReset, 'connect');
  }
  const restore = options.restore;
  if (restore !== undefined && typeof restore !== 'function') {
    throw InvalidArgumentError.expected('restore', 'a function', restore, 'connect');
  }
  const getResponse = options.getResponse;
  if (getResponse !== undefined && typeof getResponse !== 'boolean') {
    throw InvalidArgumentError.expected('getResponse', 'true, false or left out (on for T=0)', getResponse, 'connect');
  }
  return { onReset, restore: restore as ((card: Card) => Promise<void> | void) | undefined, getResponse };
}
