export { succeed, fail } from '../../driver/pcsc-driver';

/** A server-side call that cannot go on yet (the service keeps the caller waiting and tries again). */
export const WAIT_FOR_CHANGE: unique symbol = Symbol('wait for a change of the service state');
export type ServerReply<T> = T | typeof WAIT_FOR_CHANGE;
