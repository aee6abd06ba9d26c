import { LONGEST_TIMER_MS } from './deadline';

/**
 * Keeps the process running until the returned function is called. A caller awaiting the library
 * (the next event, a card) expects to stay alive whatever the driver does: a native binding's
 * threads hold the event loop, the 'pcscd' driver's sockets deliberately do not.
 */
export function keepProcessAlive(): () => void {
  const holder = setInterval(() => undefined, LONGEST_TIMER_MS);
  return () => clearInterval(holder);
}
